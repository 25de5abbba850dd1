// Draws the strategy results chart (recovery rate and contacts per case, per segment and variant) from the data the
// page carries (#strategy-chart-data), so the chart shows the numbers of the table beside it. A file, because the
// content security policy forbids inline script.
(function () {
    'use strict';

    function draw(attempt) {
        var island = document.getElementById('strategy-chart-data');
        if (!island || island.dataset.drawn) {
            return;
        }
        if (!window.echarts) {
            if (attempt < 100) {
                setTimeout(function () { draw(attempt + 1); }, 50);
            }
            return;
        }
        island.dataset.drawn = 'true';
        var data = JSON.parse(island.dataset.charts);
        echarts.init(document.getElementById('chart-variants')).setOption({
            tooltip: {trigger: 'axis'},
            legend: {data: [data.rateLabel, data.contactsLabel]},
            grid: {left: 8, right: 16, top: 32, bottom: 8, containLabel: true},
            xAxis: {type: 'category', data: data.groups, axisLabel: {interval: 0}},
            yAxis: [{type: 'value', name: '%', min: 0}, {type: 'value', min: 0}],
            series: [
                {name: data.rateLabel, type: 'bar', data: data.rates, label: {show: true, position: 'top'}},
                {name: data.contactsLabel, type: 'bar', yAxisIndex: 1, data: data.contacts,
                    label: {show: true, position: 'top'}}
            ]
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () { draw(0); });
    } else {
        draw(0);
    }
    document.addEventListener('htmx:afterSettle', function () { draw(0); });
})();
