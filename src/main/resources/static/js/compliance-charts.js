// Draws the decision log's denial charts (by rule, by agency) from the data the page carries
// (#compliance-chart-data), so the charts always show the numbers of the tables beside them. Loaded as a file
// because the content security policy forbids inline script.
(function () {
    'use strict';

    function bars(element, names, values, label) {
        echarts.init(element).setOption({
            tooltip: {trigger: 'axis'},
            grid: {left: 8, right: 16, top: 16, bottom: 8, containLabel: true},
            xAxis: {type: 'value', minInterval: 1},
            yAxis: {type: 'category', data: names, inverse: true, axisLabel: {interval: 0}},
            series: [{name: label, type: 'bar', data: values, label: {show: true, position: 'right'}}]
        });
    }

    function draw(attempt) {
        var island = document.getElementById('compliance-chart-data');
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
        var data = JSON.parse(island.dataset.charts);
        bars(document.getElementById('chart-rules'), data.rules, data.ruleDenials, data.label);
        bars(document.getElementById('chart-agencies'), data.agencies, data.agencyDenials, data.label);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () { draw(0); });
    } else {
        draw(0);
    }
    document.addEventListener('htmx:afterSettle', function () { draw(0); });
})();
