// Preloaded into n8n by `npm run bench` (BENCH_TRACE) with `node --require`: watches the
// Rampwin node's adaptive limit from outside, without changing the node. When n8n loads the
// node's transport/concurrency.js, it wraps AdaptiveLimit and Gate, then samples every
// 100 ms: the limit, requests in flight, the round trips measured in that window (the
// node's own figure, from its place at the gate to the answer), the limit's smoothed round
// trip, the event loop's delay and the process's CPU. It also times each HTTP request n8n
// makes (node:http), in phases: from its creation to the socket's connection, to the request
// written, to the answer's headers, and to its end. The samples are written as JSON to
// RAMPWIN_TRACE_FILE when the process exits.
'use strict';

const Module = require('node:module');
const http = require('node:http');
const { writeFileSync } = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const file = process.env.RAMPWIN_TRACE_FILE;
const INTERVAL_MS = 100;
const TARGET = /n8n-nodes-rampwin[\\/]dist[\\/]nodes[\\/]Rampwin[\\/]transport[\\/]concurrency\.js$/;

if (file) {
	const samples = [];
	const events = [];
	const limits = new Set();
	const gates = new Set();
	let rtts = [];
	/** Per request finished in this window: [connect, written, headers, end] in ms from its creation. */
	let phases = [];
	let started = 0;
	let lastCpu = process.cpuUsage();
	const delay = monitorEventLoopDelay({ resolution: 5 });
	let timer;

	const sample = () => {
		const now = performance.now();
		const cpu = process.cpuUsage(lastCpu);
		lastCpu = process.cpuUsage();
		const limit = [...limits].at(-1);
		const gate = [...gates].at(-1);
		const sorted = rtts.sort((a, b) => a - b);
		const meanPhase = (i) => (phases.length ? Math.round((phases.reduce((sum, p) => sum + p[i], 0) / phases.length) * 10) / 10 : null);
		samples.push({
			t: Math.round(now - started),
			limit: limit ? limit.current : 0,
			inFlight: gate ? gate.inFlight : 0,
			answers: sorted.length,
			rttMedian: sorted.length ? sorted[Math.floor(sorted.length / 2)] : null,
			rttMax: sorted.length ? sorted[sorted.length - 1] : null,
			smoothedRtt: limit && limit.smoothedRtt !== undefined ? Math.round(limit.smoothedRtt) : null,
			minRtt: limit && Number.isFinite(limit.minRtt) ? limit.minRtt : null,
			loopDelayMean: Math.round(delay.mean / 1e4) / 100,
			loopDelayMax: Math.round(delay.max / 1e4) / 100,
			cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / INTERVAL_MS) * 100),
			httpConnect: meanPhase(0),
			httpWritten: meanPhase(1),
			httpHeaders: meanPhase(2),
			httpEnd: meanPhase(3),
		});
		rtts = [];
		phases = [];
		delay.reset();
	};

	const wrap = (exports) => {
		const { AdaptiveLimit, Gate } = exports;
		if (!AdaptiveLimit || !Gate) return;
		const onSuccess = AdaptiveLimit.prototype.onSuccess;
		AdaptiveLimit.prototype.onSuccess = function (rttMs, now) {
			if (!limits.has(this)) {
				limits.add(this);
				if (!timer) {
					started = performance.now();
					lastCpu = process.cpuUsage();
					delay.enable();
					timer = setInterval(sample, INTERVAL_MS);
					timer.unref();
				}
			}
			rtts.push(rttMs);
			return onSuccess.call(this, rttMs, now);
		};
		const onOverload = AdaptiveLimit.prototype.onOverload;
		AdaptiveLimit.prototype.onOverload = function (now, holdMs) {
			events.push({ t: Math.round(performance.now() - started), kind: 'overload' });
			return onOverload.call(this, now, holdMs);
		};
		const acquire = Gate.prototype.acquire;
		Gate.prototype.acquire = function () {
			gates.add(this);
			return acquire.call(this);
		};
	};

	const load = Module._load;
	Module._load = function (request, parent, isMain) {
		const loaded = load.call(this, request, parent, isMain);
		try {
			const resolved = Module._resolveFilename(request, parent, isMain);
			if (TARGET.test(resolved) && !loaded.__rampwinTraced) {
				Object.defineProperty(loaded, '__rampwinTraced', { value: true });
				wrap(loaded);
			}
		} catch {
			// not a file this hook watches
		}
		return loaded;
	};

	const request = http.request;
	http.request = function (...args) {
		const req = request.apply(this, args);
		const created = performance.now();
		const at = [null, null, null, null];
		const since = () => performance.now() - created;
		req.once('socket', (socket) => {
			if (socket.connecting) socket.once('connect', () => (at[0] = since()));
			else at[0] = since();
		});
		req.once('finish', () => (at[1] = since()));
		req.once('response', (res) => {
			at[2] = since();
			res.once('end', () => {
				at[3] = since();
				if (timer && at.every((v) => v !== null)) phases.push(at);
			});
		});
		return req;
	};

	process.on('exit', () => {
		if (timer) sample();
		writeFileSync(file, JSON.stringify({ intervalMs: INTERVAL_MS, samples, events }));
	});
}
