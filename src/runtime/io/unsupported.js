// Stratus io: built-in modules that load but cannot work in Stratus (no
// processes to spawn, no threads, no sockets to listen on, no second
// realm): each function throws saying so when called.
(function (N, G, I) {
  'use strict';
  const why = {
    child_process: 'there are no binaries to run in the simulated execution environment',
    worker_threads: 'a function runs on one thread in Stratus',
    cluster: 'a function runs as one process in Stratus',
    vm: 'Stratus runs a function in one JavaScript realm',
    dgram: 'the simulated world has no network',
    http2: 'the simulated world has no internet',
    inspector: 'there is no debugger to attach to',
  };
  const members = {
    child_process: ['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork', 'ChildProcess'],
    worker_threads: ['Worker', 'MessageChannel', 'MessagePort', 'BroadcastChannel', 'receiveMessageOnPort', 'markAsUntransferable', 'moveMessagePortToContext', 'getEnvironmentData', 'setEnvironmentData'],
    cluster: ['fork', 'setupPrimary', 'setupMaster', 'disconnect'],
    vm: ['Script', 'createContext', 'runInContext', 'runInNewContext', 'runInThisContext', 'compileFunction', 'isContext', 'measureMemory'],
    dgram: ['createSocket', 'Socket'],
    http2: ['connect', 'createServer', 'createSecureServer', 'getDefaultSettings', 'getPackedSettings', 'getUnpackedSettings'],
    inspector: ['open', 'close', 'url', 'waitForDebugger', 'Session'],
  };
  const out = {};
  for (const mod of Object.keys(members)) {
    const m = {};
    for (const name of members[mod]) {
      m[name] = function () {
        const e = new Error(mod + '.' + name + ' is not supported in Stratus: ' + why[mod]);
        e.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
        throw e;
      };
    }
    out[mod] = m;
  }
  out.worker_threads.isMainThread = true;
  out.worker_threads.parentPort = null;
  out.worker_threads.workerData = null;
  out.worker_threads.threadId = 0;
  out.cluster.isPrimary = true;
  out.cluster.isMaster = true;
  out.cluster.isWorker = false;
  out.cluster.workers = {};
  return out;
})
