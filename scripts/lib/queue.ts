// n8n in queue mode on one machine: a private PostgreSQL and Redis, then a main instance,
// webhook processes and workers, each with its own user folder and the package installed in
// it, as on separate machines. Every process listens on loopback only, on free ports.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort, N8nInstance, N8nServer, run } from './n8n';

/** Debian's packages, which `.ci/run` installs when they are missing. */
const POSTGRES_HINT = 'apt-get install postgresql';
const REDIS_HINT = 'apt-get install redis-server';

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls every 250 ms until `done` is true; throws with `context()` after `timeoutMs`. */
async function waitUntil(what: string, timeoutMs: number, done: () => Promise<boolean>, context: () => string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await done()) return;
		await delay(250);
	}
	throw new Error(`Waited ${timeoutMs / 1000} s for ${what}.\n${context()}`);
}

async function answers(url: string): Promise<boolean> {
	try {
		return (await fetch(url)).ok;
	} catch {
		return false;
	}
}

/** A child process that is asked to stop with SIGTERM, and killed if it has not within `graceMs`. */
async function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** PostgreSQL refuses to run as root; as root the server runs as Debian's `postgres` user. */
function asDatabaseUser(): { prefix: string[]; uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { prefix: ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', '--'], uid: id('-u'), gid: id('-g') };
}

function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'initdb'))) : [];
	versions.sort((a, b) => Number(b) - Number(a));
	if (versions.length > 0) return path.join(root, versions[0], 'bin');
	try {
		return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error(`PostgreSQL's initdb was not found; install it (${POSTGRES_HINT})`);
	}
}

/** A throw-away PostgreSQL cluster in a temporary folder, without durability (a test database). */
export class Postgres {
	private constructor(
		private readonly bin: string,
		private readonly dir: string,
		readonly port: number,
		private readonly child: ChildProcess,
	) {}

	static readonly user = 'n8n';

	static readonly database = 'n8n';

	static async start(): Promise<Postgres> {
		const bin = postgresBin();
		const dir = mkdtempSync(path.join(tmpdir(), 'rampwin-postgres-'));
		const owner = asDatabaseUser();
		if (owner) chownSync(dir, owner.uid, owner.gid);
		const command = (name: string, args: string[]): [string, string[]] =>
			owner ? [owner.prefix[0], [...owner.prefix.slice(1), path.join(bin, name), ...args]] : [path.join(bin, name), args];
		const data = path.join(dir, 'data');
		const init = await run(...command('initdb', ['-D', data, '-U', Postgres.user, '--auth=trust', '-E', 'UTF8', '--no-sync']));
		if (init.code !== 0) {
			rmSync(dir, { recursive: true, force: true });
			throw new Error(`initdb failed (exit ${init.code}):\n${init.stderr.slice(-2000)}`);
		}
		const port = await freePort();
		const log = openSync(path.join(dir, 'postgres.log'), 'a');
		if (owner) chownSync(path.join(dir, 'postgres.log'), owner.uid, owner.gid);
		const [cmd, args] = command('postgres', [
			'-D', data, '-p', String(port), '-k', dir,
			'-c', 'listen_addresses=127.0.0.1',
			'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
		]);
		const child = spawn(cmd, args, { stdio: ['ignore', log, log] });
		closeSync(log);
		const postgres = new Postgres(bin, dir, port, child);
		try {
			await waitUntil('PostgreSQL to accept connections', 30_000, async () => (await postgres.psql('postgres', 'select 1')).ok, () => postgres.logTail());
			const created = await postgres.psql('postgres', `create database ${Postgres.database}`);
			if (!created.ok) throw new Error(`create database failed: ${created.output}`);
		} catch (error) {
			await postgres.stop();
			throw error;
		}
		return postgres;
	}

	/** What n8n needs to use this database. */
	get env(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: Postgres.database,
			DB_POSTGRESDB_USER: Postgres.user,
		};
	}

	/** One SQL statement in n8n's database; the rows as tab-separated lines. */
	async query(sql: string): Promise<string[]> {
		const result = await this.psql(Postgres.database, sql);
		if (!result.ok) throw new Error(`psql failed: ${result.output}`);
		return result.output.split('\n').filter((line) => line !== '');
	}

	private async psql(database: string, sql: string): Promise<{ ok: boolean; output: string }> {
		const result = await run(path.join(this.bin, 'psql'), [
			'-h', '127.0.0.1', '-p', String(this.port), '-U', Postgres.user, '-d', database, '-XAtq', '-F', '\t', '-c', sql,
		]);
		return { ok: result.code === 0, output: result.code === 0 ? result.stdout : result.stderr };
	}

	logTail(): string {
		const file = path.join(this.dir, 'postgres.log');
		return existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : '';
	}

	async stop(): Promise<void> {
		await stopChild(this.child, 10_000);
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** A throw-away Redis server: no persistence, loopback only. */
export class Redis {
	private constructor(
		readonly port: number,
		private readonly child: ChildProcess,
		private readonly dir: string,
		private readonly output: () => string,
	) {}

	static async start(): Promise<Redis> {
		try {
			execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
		} catch {
			throw new Error(`redis-server was not found; install it (${REDIS_HINT})`);
		}
		const port = await freePort();
		const dir = mkdtempSync(path.join(tmpdir(), 'rampwin-redis-'));
		const child = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
		child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
		const redis = new Redis(port, child, dir, () => output);
		try {
			await waitUntil('Redis to answer PING', 15_000, async () => await redis.ping(), () => output);
		} catch (error) {
			await redis.stop();
			throw error;
		}
		return redis;
	}

	private ping(): Promise<boolean> {
		return new Promise((resolve) => {
			const socket = connect(this.port, '127.0.0.1');
			socket.setTimeout(1000);
			socket.on('connect', () => socket.write('PING\r\n'));
			socket.on('data', (data) => {
				socket.destroy();
				resolve(data.toString().startsWith('+PONG'));
			});
			socket.on('error', () => resolve(false));
			socket.on('timeout', () => {
				socket.destroy();
				resolve(false);
			});
		});
	}

	logTail(): string {
		return this.output();
	}

	async stop(): Promise<void> {
		await stopChild(this.child, 10_000);
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** `n8n worker` or `n8n webhook`: started, watched through its health URL, stopped or killed. */
export class N8nProcess {
	private child: ChildProcess | undefined;

	private exited: Promise<void> = Promise.resolve();

	private constructor(
		readonly name: string,
		readonly instance: N8nInstance,
		readonly port: number,
	) {}

	/**
	 * A worker runs executions from the queue; `port` serves its health check. A webhook
	 * process takes production webhook calls and puts their executions on the queue.
	 */
	static async start(name: string, instance: N8nInstance, kind: 'worker' | 'webhook', port?: number): Promise<N8nProcess> {
		const started = new N8nProcess(name, instance, port ?? (await freePort()));
		const own: Record<string, string> =
			kind === 'worker'
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(started.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
				: { N8N_PORT: String(started.port), N8N_LISTEN_ADDRESS: '127.0.0.1' };
		const output = openSync(started.logFile, 'a');
		const child = instance.spawnCli([kind], own, output);
		closeSync(output);
		started.child = child;
		started.exited = new Promise((resolve) => child.once('exit', () => resolve()));
		try {
			await waitUntil(
				`n8n ${kind} (${name}) to be ready`,
				180_000,
				async () => {
					if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n ${kind} (${name}) exited:\n${started.logTail()}`);
					return await answers(`${started.url}/healthz/readiness`);
				},
				() => started.logTail(),
			);
		} catch (error) {
			await started.stop();
			throw error;
		}
		return started;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
	}

	private get logFile(): string {
		return path.join(this.instance.userFolder, `n8n-${this.name}.log`);
	}

	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	logTail(characters = 3000): string {
		return this.log().slice(-characters);
	}

	/** The executions this worker started, by the id in its log ("Worker started execution 12 (job 7)"). */
	startedExecutions(): string[] {
		return [...this.log().matchAll(/Worker started execution (\S+) \(job/g)].map((match) => match[1]);
	}

	/** SIGKILL: the process ends at once, as in a crash or an out-of-memory kill. */
	async kill(): Promise<void> {
		if (!this.running) return;
		this.child?.kill('SIGKILL');
		await this.exited;
	}

	async stop(): Promise<void> {
		await stopChild(this.child, 30_000);
	}
}

export interface QueueClusterOptions {
	version: string;
	/** The packed package, installed into every instance's `~/.n8n/nodes`. */
	tarball: string;
	workers?: number;
	/** Added to every process's environment. */
	env?: Record<string, string>;
	/** Runs once the database is ready and before any server starts: imports, with n8n's CLI. */
	setup?: (cli: N8nInstance) => Promise<void>;
}

/**
 * Binary data that every process can read: n8n's database. n8n 2.x chooses `database` in
 * queue mode by default (set here anyway); n8n 1.x offers only `filesystem` (one machine's
 * disk) unless `database` is made available as well.
 */
export function binaryDataEnv(version: string): Record<string, string> {
	return version.startsWith('1.')
		? { N8N_AVAILABLE_BINARY_DATA_MODES: 'filesystem,database', N8N_DEFAULT_BINARY_DATA_MODE: 'database' }
		: { N8N_DEFAULT_BINARY_DATA_MODE: 'database' };
}

/**
 * PostgreSQL, Redis, `n8n start` (which serves the editor and the REST API but no production
 * webhooks), one `n8n webhook` process (where WEBHOOK_URL points) and the workers. Stop it
 * with stop(), which also cleans up after a failed start.
 */
export class QueueCluster {
	postgres: Postgres | undefined;

	redis: Redis | undefined;

	main: N8nServer | undefined;

	webhook: N8nProcess | undefined;

	readonly workers: N8nProcess[] = [];

	private readonly instances: N8nInstance[] = [];

	/** Seconds each step of the start took, for the test's figures. */
	readonly timings: Record<string, number> = {};

	private sharedEnv: Record<string, string> = {};

	private constructor(readonly options: QueueClusterOptions) {}

	static async start(options: QueueClusterOptions): Promise<QueueCluster> {
		const cluster = new QueueCluster(options);
		try {
			await cluster.boot();
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	private async timed<T>(label: string, work: Promise<T>): Promise<T> {
		const started = Date.now();
		try {
			return await work;
		} finally {
			this.timings[label] = (Date.now() - started) / 1000;
		}
	}

	private async boot(): Promise<void> {
		const { version } = this.options;
		const [postgres, redis] = await this.timed(
			'postgres and redis',
			Promise.all([
				Postgres.start().then((started) => (this.postgres = started)),
				Redis.start().then((started) => (this.redis = started)),
			]),
		);
		const webhookPort = await freePort();
		this.sharedEnv = {
			...postgres.env,
			EXECUTIONS_MODE: 'queue',
			// Every process builds its URLs from it; a waiting run's signed links are made on a worker.
			WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			...binaryDataEnv(version),
			...this.options.env,
		};
		const main = await this.instance();
		await this.timed('setup (n8n CLI, database migrations)', this.options.setup?.(main) ?? Promise.resolve());
		const webhookInstance = await this.instance();
		const workerInstances = await Promise.all(Array.from({ length: this.options.workers ?? 2 }, async () => await this.instance()));
		// The main instance registers webhooks under WEBHOOK_URL: the webhook process's address.
		// Its own webhook routes stay off, so production calls can only reach the webhook process.
		const startMain = N8nServer.start(main, {
			WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		}).then((server) => (this.main = server));
		const startWebhook = N8nProcess.start('webhook', webhookInstance, 'webhook', webhookPort).then(
			(process) => (this.webhook = process),
		);
		const startWorkers = workerInstances.map(async (instance, index) => {
			const worker = await N8nProcess.start(`worker-${index + 1}`, instance, 'worker');
			this.workers[index] = worker;
		});
		const results = await this.timed('main, webhook and workers', Promise.allSettled([startMain, startWebhook, ...startWorkers]));
		const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;
	}

	/** A user folder with the package installed, as on a machine of its own. */
	private async instance(): Promise<N8nInstance> {
		const instance = await N8nInstance.create(this.options.version, undefined, this.sharedEnv);
		this.instances.push(instance);
		await instance.installPackage(this.options.tarball);
		return instance;
	}

	/** The worker whose log says it started this execution. */
	workerOf(executionId: string): N8nProcess | undefined {
		return this.workers.find((worker) => worker.startedExecutions().includes(executionId));
	}

	/** The last lines of every process's output, for failure messages. */
	logTails(characters = 1500): string {
		const parts = [
			['main', this.main?.logTail(characters)],
			['webhook', this.webhook?.logTail(characters)],
			...this.workers.map((worker) => [worker.name, worker.logTail(characters)]),
		];
		return parts
			.filter(([, text]) => text)
			.map(([name, text]) => `--- ${name} ---\n${text}`)
			.join('\n');
	}

	/** Stops every process and removes every folder; `keepLogsIn` first receives each n8n process's log. */
	async stop(keepLogsIn?: string): Promise<void> {
		await Promise.allSettled([this.main?.stop(), this.webhook?.stop(), ...this.workers.map(async (worker) => await worker.stop())]);
		await Promise.allSettled([this.postgres?.stop(), this.redis?.stop()]);
		if (keepLogsIn) {
			rmSync(keepLogsIn, { recursive: true, force: true });
			mkdirSync(keepLogsIn, { recursive: true });
			for (const instance of this.instances) {
				for (const file of readdirSync(instance.userFolder).filter((name) => /^n8n-.*\.log$/.test(name))) {
					copyFileSync(path.join(instance.userFolder, file), path.join(keepLogsIn, file));
				}
			}
		}
		for (const instance of this.instances) instance.remove();
	}
}
