/** "4,633" in the admin's locale. */
export const formatCount = (value: number, locale?: string) =>
  new Intl.NumberFormat(locale).format(value);

/** The 30-day chart's bar geometry: pure, so the chart component stays a thin renderer. */
export function chartBars(values: number[], width: number, height: number, gap = 2) {
  const max = Math.max(1, ...values);
  const barWidth = values.length > 0 ? (width - gap * (values.length - 1)) / values.length : 0;
  return values.map((value, index) => {
    const barHeight = value === 0 ? 0 : Math.max(2, (value / max) * height);
    return {
      x: index * (barWidth + gap),
      y: height - barHeight,
      width: barWidth,
      height: barHeight,
      value,
    };
  });
}
