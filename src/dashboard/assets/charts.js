// Draws the 统计 page's charts with Apache ECharts (served from this origin). The data comes from
// the page itself (a JSON script element), so there is no inline code and no request to elsewhere.
(function () {
  var source = document.getElementById('chart-data');
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var colours = ['#b3261e', '#1d5fbf', '#e6a23c', '#2e7d32', '#8e44ad'];
  var options = {
    onTime: {
      color: colours,
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v + '%'; } },
      grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: data.onTime.units, axisLabel: { width: 90, overflow: 'truncate' } },
      series: [{ type: 'bar', data: data.onTime.rates, label: { show: true, position: 'right', formatter: '{c}%' } }],
    },
    flow: {
      color: colours,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['列入', '移出'] },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.flow.months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '列入', type: 'line', data: data.flow.inflow, smooth: true },
        { name: '移出', type: 'line', data: data.flow.outflow, smooth: true },
      ],
    },
    tiers: {
      color: colours,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: data.tiers, label: { formatter: '{b}\n{c}家' } }],
    },
  };
  var charts = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var name = el.getAttribute('data-chart');
    var option = options[name];
    if (!option) return;
    if (name === 'onTime' && data.onTime.units.length === 0) {
      el.textContent = '所选期间没有已办结的督办任务。';
      el.className = 'muted';
      return;
    }
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
