// A small live line chart (SVG, no library) of one measurement, with a text alternative that says what it shows.
// A reading without a value leaves a gap in the line: the chart never draws a zero that was not measured.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 120;
const HEIGHT = 32;

/**
 * A sparkline in `figure` (a `<figure>` with a `<figcaption>`): keeps the last `points` readings. `label` names
 * the measurement, `format(value)` writes one value for people. Returns `add(value)`; `undefined` is a gap.
 */
export function sparkline(figure, { label, format, points = 60 }) {
  const caption = figure.querySelector('figcaption');
  caption.id ||= `${figure.id || 'chart'}-caption`;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', caption.id);
  svg.classList.add('sparkline');
  const line = document.createElementNS(SVG, 'path');
  svg.append(line);
  figure.prepend(svg);
  const values = [];
  const describe = () => {
    const known = values.filter((value) => value !== undefined);
    const now = values.at(-1);
    if (known.length === 0) return `${label}: not reported yet.`;
    const range = `lowest ${format(Math.min(...known))}, highest ${format(Math.max(...known))}`;
    const current = now === undefined ? 'not reported now' : `now ${format(now)}`;
    return `${label}: ${current} (${range} over the last ${values.length} readings).`;
  };
  caption.textContent = describe();
  return (value) => {
    values.push(typeof value === 'number' && Number.isFinite(value) ? value : undefined);
    if (values.length > points) values.shift();
    const known = values.filter((each) => each !== undefined);
    const top = Math.max(...known, 0);
    const bottom = Math.min(...known, 0);
    const span = top - bottom || 1;
    const step = WIDTH / Math.max(points - 1, 1);
    let d = '';
    let drawing = false;
    values.forEach((each, index) => {
      if (each === undefined) {
        drawing = false;
        return;
      }
      const x = (index + points - values.length) * step;
      const y = HEIGHT - 2 - ((each - bottom) / span) * (HEIGHT - 4);
      d += `${drawing ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)} `;
      drawing = true;
    });
    line.setAttribute('d', d.trim());
    caption.textContent = describe();
  };
}
