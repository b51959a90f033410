// Draws a trace of the adaptive limit (scripts/lib/trace-hook.cjs) as an SVG: the limit and
// the requests in flight against the left axis, the round trip the node measured and the
// event loop's delay against the right axis, in milliseconds.

export interface TraceSample {
	t: number;
	limit: number;
	inFlight: number;
	answers: number;
	rttMedian: number | null;
	rttMax: number | null;
	smoothedRtt: number | null;
	minRtt: number | null;
	loopDelayMean: number;
	loopDelayMax: number;
	cpuPercent: number;
	/** Means over the HTTP requests that ended in the window, ms from each one's creation. */
	httpConnect?: number | null;
	httpWritten?: number | null;
	httpHeaders?: number | null;
	httpEnd?: number | null;
}

export interface Trace {
	intervalMs: number;
	samples: TraceSample[];
	events: Array<{ t: number; kind: string }>;
}

interface Series {
	label: string;
	colour: string;
	axis: 'left' | 'right';
	value: (sample: TraceSample) => number | null;
}

const SERIES: Series[] = [
	{ label: 'limit', colour: '#1f77b4', axis: 'left', value: (s) => s.limit },
	{ label: 'in flight', colour: '#ff7f0e', axis: 'left', value: (s) => s.inFlight },
	{ label: 'round trip, median (ms)', colour: '#2ca02c', axis: 'right', value: (s) => s.rttMedian },
	{ label: 'event loop delay, mean (ms)', colour: '#d62728', axis: 'right', value: (s) => s.loopDelayMean },
];

export function traceSvg(trace: Trace, title: string): string {
	const width = 760;
	const height = 360;
	const margin = { left: 50, right: 60, top: 40, bottom: 70 };
	const plotW = width - margin.left - margin.right;
	const plotH = height - margin.top - margin.bottom;
	const samples = trace.samples;
	const end = Math.max(1, ...samples.map((s) => s.t));
	const leftMax = niceCeiling(Math.max(1, ...samples.map((s) => Math.max(s.limit, s.inFlight))));
	const rightMax = niceCeiling(
		Math.max(1, ...samples.flatMap((s) => [s.rttMedian ?? 0, s.loopDelayMean])),
	);
	const x = (t: number) => margin.left + (t / end) * plotW;
	const y = (value: number, axis: 'left' | 'right') =>
		margin.top + plotH - (value / (axis === 'left' ? leftMax : rightMax)) * plotH;

	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
		`<rect width="${width}" height="${height}" fill="white"/>`,
		`<text x="${width / 2}" y="20" text-anchor="middle" font-size="13">${escape(title)}</text>`,
		`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
	];
	for (let i = 0; i <= 4; i++) {
		const fraction = i / 4;
		const yy = margin.top + plotH - fraction * plotH;
		parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
		parts.push(`<text x="${margin.left - 6}" y="${yy + 4}" text-anchor="end">${round(leftMax * fraction)}</text>`);
		parts.push(`<text x="${margin.left + plotW + 6}" y="${yy + 4}">${round(rightMax * fraction)} ms</text>`);
		const t = end * fraction;
		parts.push(`<text x="${x(t)}" y="${margin.top + plotH + 16}" text-anchor="middle">${(t / 1000).toFixed(1)} s</text>`);
	}
	for (const event of trace.events) {
		parts.push(`<line x1="${x(event.t)}" x2="${x(event.t)}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#9467bd" stroke-dasharray="3,3"/>`);
	}
	for (const series of SERIES) {
		const points = samples
			.map((s) => [s.t, series.value(s)] as const)
			.filter((point): point is readonly [number, number] => point[1] !== null)
			.map(([t, value]) => `${x(t).toFixed(1)},${y(value, series.axis).toFixed(1)}`);
		if (points.length > 0) {
			parts.push(`<polyline fill="none" stroke="${series.colour}" stroke-width="1.5" points="${points.join(' ')}"/>`);
		}
	}
	SERIES.forEach((series, i) => {
		const lx = margin.left + i * 175;
		const ly = height - 22;
		parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${series.colour}" stroke-width="2"/>`);
		parts.push(`<text x="${lx + 22}" y="${ly + 4}">${escape(series.label)}${series.axis === 'right' ? ' →' : ''}</text>`);
	});
	if (trace.events.length > 0) {
		parts.push(`<text x="${margin.left}" y="${height - 6}" fill="#9467bd">dashed: 429 or 5xx answers (the limit halves)</text>`);
	}
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

/** What a trace says in numbers, for the bench's printout. */
export function traceSummary(trace: Trace): string {
	const busy = trace.samples.filter((s) => s.answers > 0);
	if (busy.length === 0) return 'no answers traced';
	const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
	const firstAtCap = busy.find((s) => s.limit >= Math.max(...busy.map((b) => b.limit)));
	const rtts = busy.map((s) => s.rttMedian ?? 0);
	return [
		`${busy.length} samples of ${trace.intervalMs} ms with answers`,
		`limit mean ${mean(busy.map((s) => s.limit)).toFixed(0)}, highest ${Math.max(...busy.map((s) => s.limit))} (first at ${((firstAtCap?.t ?? 0) / 1000).toFixed(1)} s)`,
		`in flight mean ${mean(busy.map((s) => s.inFlight)).toFixed(1)}`,
		`round trip median ${mean(rtts).toFixed(0)} ms (lowest ${Math.min(...busy.map((s) => s.minRtt ?? Infinity))} ms)`,
		`event loop delay mean ${mean(busy.map((s) => s.loopDelayMean)).toFixed(1)} ms, max ${Math.max(...busy.map((s) => s.loopDelayMax)).toFixed(0)} ms`,
		`CPU ${mean(busy.map((s) => s.cpuPercent)).toFixed(0)}% of a core`,
		...(busy.some((s) => typeof s.httpEnd === 'number')
			? [
					`HTTP requests, from creation: connected ${phase(busy, 'httpConnect')} ms, written ${phase(busy, 'httpWritten')} ms, ` +
						`answer's headers ${phase(busy, 'httpHeaders')} ms, its end ${phase(busy, 'httpEnd')} ms`,
				]
			: []),
		`${trace.events.length} overload answers`,
	].join('; ');
}

/** The mean of one HTTP phase over the windows that have it, weighted by their answers. */
function phase(samples: TraceSample[], key: 'httpConnect' | 'httpWritten' | 'httpHeaders' | 'httpEnd'): string {
	let total = 0;
	let weight = 0;
	for (const s of samples) {
		const value = s[key];
		if (typeof value === 'number') {
			total += value * s.answers;
			weight += s.answers;
		}
	}
	return weight > 0 ? (total / weight).toFixed(1) : '?';
}

function niceCeiling(value: number): number {
	const power = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
	return 10 * power;
}

function round(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
