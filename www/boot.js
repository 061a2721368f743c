// Trunk's initializer (data-initializer in index.html): reports the real
// download progress of the simulator's .wasm in the loading shell. The bytes
// counted are the file's own (the browser has already undone any br/gzip), so
// "N of M KB" is the share of the wasm file received, never an estimate.
const KB = 1024;

function text(message) {
  const el = document.getElementById('boot-text');
  if (el) el.textContent = message;
}

export default function initializer() {
  return {
    onProgress({ current, total }) {
      const bar = document.getElementById('boot-bar');
      if (!bar || !total) return;
      bar.max = total;
      bar.value = Math.min(current, total);
      const n = Math.round(current / KB).toLocaleString('en-US');
      const m = Math.round(total / KB).toLocaleString('en-US');
      text(current >= total ? `Starting the simulator… (${m} KB received)` : `Loading the simulator… ${n} of ${m} KB`);
    },
    onFailure(error) {
      const boot = document.getElementById('boot');
      if (!boot) return;
      boot.classList.add('boot-failed');
      boot.removeAttribute('aria-busy');
      const status = boot.querySelector('.boot-status');
      if (status) status.setAttribute('role', 'alert');
      document.getElementById('boot-bar')?.remove();
      text(`The simulator could not start: ${error && error.message ? error.message : error}. Reload the page to try again.`);
    },
  };
}
