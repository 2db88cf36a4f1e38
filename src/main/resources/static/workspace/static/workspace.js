// Draws the charts of a page from their <canvas data-chart="..."> description (the numbers are in a
// table beside each chart too, for screen readers and for copying). No inline script: the pages'
// Content-Security-Policy allows only this site's files.
document.addEventListener('DOMContentLoaded', () => {
  // Health bands and renewal forecasts in the colours that say how they stand.
  const colours = {
    red: '#c62828', yellow: '#e0a526', green: '#2e7d32', unscored: '#8a94a3',
    commit: '#2e7d32', likely: '#7cb342', 'at-risk': '#c62828', lost: '#4e342e', 'not forecast': '#8a94a3',
  };
  const palette = ['#1f5fbf', '#2e7d32', '#e0a526', '#c62828', '#6a4fb3', '#00838f', '#8a94a3'];
  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    if (typeof Chart === 'undefined') {
      return;
    }
    const spec = JSON.parse(canvas.dataset.chart);
    const datasets = spec.series.map((series, i) => ({
      label: series.label,
      data: series.values,
      backgroundColor: colours[series.key] || palette[i % palette.length],
      borderColor: colours[series.key] || palette[i % palette.length],
      fill: false,
      tension: 0.2,
      spanGaps: true,
    }));
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: spec.type === 'line'
          ? { y: { min: spec.min ?? undefined, max: spec.max ?? undefined } }
          : { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  });
  // The language select sends its form at once for mouse users; the button stays for keyboards.
  document.querySelectorAll('select#language').forEach((select) =>
    select.addEventListener('change', () => select.form.submit()));
});
