// A small Chrome DevTools Protocol client for browsers of any age: it talks to Chromium
// over `--remote-debugging-pipe` (file descriptors 3 and 4, one JSON message per NUL), so
// it needs neither a WebSocket library nor a driver of the browser's era. Used by
// old-chromium.mjs to drive Chromium 83 and 86, whose protocol Playwright no longer speaks.

import { spawn } from 'node:child_process';

/** A running browser and one page in it. */
export class Browser {
  /**
   * Starts `executable` with `args` (plus the pipe flag) and attaches to its first page.
   * `env` is added to the environment.
   */
  static async launch(executable, args, env = {}) {
    const child = spawn(executable, [...args, '--remote-debugging-pipe', 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const browser = new Browser(child);
    // The first page appears a moment after the browser answers, and finishes loading
    // about:blank (its title becomes the URL) a moment later. Waiting for both matters:
    // in one process, Chromium 86 often never answers `Page.enable` on a page attached
    // while it loads, or a request for a second page.
    let page;
    for (let tries = 0; tries < 100 && !page; tries += 1) {
      const { targetInfos } = await browser.send('Target.getTargets');
      page = targetInfos.find((target) => target.type === 'page' && target.title !== '');
      if (!page) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!page) page = await browser.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
    browser.session = sessionId;
    for (const domain of ['Page', 'Runtime', 'Log']) await browser.page(`${domain}.enable`);
    return browser;
  }

  constructor(child) {
    this.child = child;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.stderr = '';
    this.buffer = '';
    /** Uncaught exceptions and console or log errors in the page, as text. */
    this.errors = [];
    child.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-20000);
    });
    child.stdio[4].on('data', (chunk) => this.receive(chunk));
    child.on('exit', (code, signal) => {
      for (const { reject } of this.pending.values()) {
        reject(new Error(`the browser exited (${code ?? signal}): ${this.stderr.slice(-2000)}`));
      }
      this.pending.clear();
    });
    this.listeners.push((method, params) => {
      if (method === 'Runtime.exceptionThrown') {
        const details = params.exceptionDetails;
        this.errors.push(`exception: ${details.exception?.description ?? details.text}`);
      } else if (method === 'Runtime.consoleAPICalled' && params.type === 'error') {
        this.errors.push(`console.error: ${params.args.map((arg) => arg.value ?? arg.description).join(' ')}`);
      } else if (method === 'Log.entryAdded' && params.entry.level === 'error') {
        this.errors.push(`log: ${params.entry.text}`);
      }
    });
  }

  receive(chunk) {
    this.buffer += chunk.toString('utf8');
    let end;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 1);
      if (message.id && this.pending.has(message.id)) {
        const { resolve, reject, method } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners) listener(message.method, message.params, message.sessionId);
      }
    }
  }

  /** Sends a browser-level command. */
  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.child.stdio[3].write(`${JSON.stringify(message)}\0`);
    });
  }

  /** Sends a command to the page. */
  page(method, params = {}) {
    return this.send(method, params, this.session);
  }

  /** The value of `expression` in the page (awaited when it is a promise). */
  async evaluate(expression) {
    const { result, exceptionDetails } = await this.page('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) {
      throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    }
    return result.value;
  }

  /** Waits until `expression` is truthy in the page; its value. */
  async waitFor(expression, what, timeout = 30000) {
    const start = Date.now();
    let last;
    for (;;) {
      try {
        const value = await this.evaluate(expression);
        if (value) return value;
      } catch (error) {
        // The page may be navigating: its context is gone for a moment.
        last = error;
      }
      if (Date.now() - start > timeout) {
        throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message})` : ''}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A promise of the page's next load event. */
  loadEvent() {
    return new Promise((resolve) => {
      const listener = (method, _params, sessionId) => {
        if (method === 'Page.loadEventFired' && sessionId === this.session) {
          this.listeners.splice(this.listeners.indexOf(listener), 1);
          resolve();
        }
      };
      this.listeners.push(listener);
    });
  }

  /**
   * Loads `url` and waits for its load event. A URL that differs from the current one only
   * in its fragment would not load the document again, so the page goes to about:blank
   * first.
   */
  async goto(url) {
    if (url !== 'about:blank') await this.goto('about:blank');
    const loaded = this.loadEvent();
    const result = await this.page('Page.navigate', { url });
    if (result.errorText) throw new Error(`${url}: ${result.errorText}`);
    await loaded;
  }

  /** Reloads the page and waits for its load event. */
  async reload() {
    const loaded = this.loadEvent();
    await this.page('Page.reload');
    await loaded;
  }

  /** Types `text` with key events into the focused element. */
  async type(text) {
    for (const key of text) {
      await this.page('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key, unmodifiedText: key });
      await this.page('Input.dispatchKeyEvent', { type: 'keyUp', key });
    }
  }

  /** Ends the browser and waits until its process has gone. */
  async close() {
    const exited = new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', resolve);
    });
    this.send('Browser.close').catch(() => {
      // It is going anyway.
    });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
