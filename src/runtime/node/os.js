// node:os as a Lambda function sees it: Linux on the function's architecture
// (x86_64 or arm64, as process.arch says), /tmp, the sandbox user, a link-local host name, vCPUs and
// memory from the function's MemorySize (one vCPU per 1,769 MB, at least 2
// and at most 6 visible cores), uptime in virtual time.
(function (N, G, require, internal) {
  'use strict';
  const env = N.env;
  const memoryMb = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE) || 128;
  const cores = Math.min(6, Math.max(2, Math.ceil(memoryMb / 1769)));
  // A stable link-local address for this environment, derived from its log stream.
  let h = 0;
  for (const c of String(env.AWS_LAMBDA_LOG_STREAM_NAME || '')) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const host = '169.254.' + ((h >>> 8) & 255) + '.' + ((h & 254) + 1);
  const signals = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31 };
  const priority = { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 };
  const errno = { E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAGAIN: 11, EBADF: 9, EBUSY: 16, ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104, EEXIST: 17, EINTR: 4, EINVAL: 22, EIO: 5, EISDIR: 21, EMFILE: 24, ENOENT: 2, ENOMEM: 12, ENOSPC: 28, ENOTDIR: 20, ENOTEMPTY: 39, EPERM: 1, EPIPE: 32, EROFS: 30, ETIMEDOUT: 110 };
  const uptime = () => Math.floor(G.process.uptime());
  const os = {
    EOL: '\n',
    devNull: '/dev/null',
    arch: () => G.process.arch,
    machine: () => (G.process.arch === 'arm64' ? 'aarch64' : 'x86_64'),
    platform: () => 'linux',
    type: () => 'Linux',
    release: () => '5.10.240-238.959.amzn2.' + (G.process.arch === 'arm64' ? 'aarch64' : 'x86_64'),
    version: () => '#1 SMP Wed Jul 30 13:31:05 UTC 2025',
    endianness: () => 'LE',
    hostname: () => host,
    homedir: () => env.HOME || '/home/sbx_user1051',
    tmpdir: () => '/tmp',
    userInfo: (options) => {
      const enc = options && options.encoding;
      const info = { uid: 993, gid: 990, username: 'sbx_user1051', homedir: os.homedir(), shell: null };
      if (enc === 'buffer') { const { Buffer } = require('buffer'); info.username = Buffer.from(info.username); info.homedir = Buffer.from(info.homedir); }
      return info;
    },
    cpus: () => Array.from({ length: cores }, () => ({ model: 'Intel(R) Xeon(R) Processor @ 2.90GHz', speed: 2900, times: { user: uptime() * 10, nice: 0, sys: uptime() * 5, idle: uptime() * 985, irq: 0 } })),
    availableParallelism: () => cores,
    totalmem: () => memoryMb * 1024 * 1024,
    freemem: () => {
      const used = typeof G.process.memoryUsage === 'function' ? G.process.memoryUsage().rss : 0;
      return Math.max(0, memoryMb * 1024 * 1024 - used);
    },
    uptime,
    loadavg: () => [0, 0, 0],
    networkInterfaces: () => ({
      lo: [
        { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' },
      ],
    }),
    getPriority: () => 0,
    setPriority: () => { throw new Error('Stratus does not support os.setPriority (Lambda functions cannot change their scheduling priority)'); },
    constants: { signals, errno, priority, dlopen: { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 }, UV_UDP_REUSEADDR: 4 },
  };
  return os;
})
