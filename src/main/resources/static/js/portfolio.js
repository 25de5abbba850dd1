// Draws the portfolio page's two charts from the data the page carries (#portfolio-data), so the charts always show
// the numbers of the tables beside them. Loaded as a file because the content security policy forbids inline script.
(function () {
    'use strict';

    function draw(attempt) {
        var island = document.getElementById('portfolio-data');
        if (!island || island.dataset.drawn) {
            return;
        }
        if (!window.echarts) {
            // After an htmx swap the two scripts may load in either order.
            if (attempt < 100) {
                setTimeout(function () { draw(attempt + 1); }, 50);
            }
            return;
        }
        island.dataset.drawn = 'true';
        var data = JSON.parse(island.dataset.portfolio);
        var labels = data.labels;

        echarts.init(document.getElementById('chart-buckets')).setOption({
            tooltip: {trigger: 'axis'},
            legend: {data: [labels.cases, labels.outstanding]},
            xAxis: {type: 'category', data: data.buckets, axisLabel: {interval: 0}},
            yAxis: [{type: 'value', name: labels.cases, minInterval: 1}, {type: 'value', name: labels.outstanding}],
            series: [
                {name: labels.cases, type: 'bar', data: data.cases},
                {name: labels.outstanding, type: 'bar', yAxisIndex: 1, data: data.outstanding}
            ]
        });

        var max = data.rolls.reduce(function (m, roll) { return Math.max(m, roll[2]); }, 1);
        echarts.init(document.getElementById('chart-rolls')).setOption({
            tooltip: {
                formatter: function (p) {
                    return p.value[0] + ' → ' + p.value[1] + ': ' + p.value[2];
                }
            },
            grid: {bottom: 70},
            xAxis: {type: 'category', name: labels.from, data: data.rollFrom, splitArea: {show: true}, axisLabel: {interval: 0}},
            yAxis: {type: 'category', name: labels.to, data: data.rollTo, splitArea: {show: true}, axisLabel: {interval: 0}},
            visualMap: {min: 0, max: max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0},
            series: [{
                name: labels.cases, type: 'heatmap', data: data.rolls, label: {show: true},
                emphasis: {itemStyle: {shadowBlur: 6}}
            }]
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () { draw(0); });
    } else {
        draw(0);
    }
    document.addEventListener('htmx:afterSettle', function () { draw(0); });
})();
