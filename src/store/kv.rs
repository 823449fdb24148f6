//! The key-value storage the store runs over: a small trait with two implementations,
//! localStorage in the browser (`store::local`) and [`MemoryKv`] here, so that saving,
//! loading, quarantine, quota eviction and migrations run and are tested natively.
//!
//! Values are strings, stored exactly as given: every record is JSON text that the store
//! writes and reads itself, and a record kept aside because it could not be read is kept
//! byte for byte, whatever it holds.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// Why a storage call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KvError {
    /// The storage is missing, disabled, or its getter throws.
    Unavailable,
    /// The storage refused a write because its quota is full; nothing was written.
    QuotaExceeded,
    /// Any other failure, in the storage's words.
    Other(String),
}

/// A string key-value storage, as localStorage is: every call is synchronous, and a
/// write either happens whole or not at all (but a sequence of writes can stop midway,
/// when the tab is closed or crashes).
pub trait Kv {
    /// The value at `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, KvError>;
    /// Writes `value` at `key`, replacing what was there.
    fn set(&self, key: &str, value: &str) -> Result<(), KvError>;
    /// Removes `key` (nothing happens when it is absent).
    fn remove(&self, key: &str) -> Result<(), KvError>;
    /// Every key, in no particular order.
    fn keys(&self) -> Result<Vec<String>, KvError>;
}

/// The size of a string as localStorage counts it (UTF-16 code units).
pub fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// An in-memory [`Kv`] for native tests and benchmarks. It counts its reads and writes, can have a
/// quota (counted like localStorage's: UTF-16 code units of keys and values), and can
/// fail every write after the first `k`, as a tab closed in the middle of a save would
/// stop writing.
#[derive(Debug, Default)]
pub struct MemoryKv {
    map: RefCell<BTreeMap<String, String>>,
    quota: Cell<Option<usize>>,
    fail_after: Cell<Option<usize>>,
    writes: Cell<usize>,
    reads: Cell<usize>,
    written: RefCell<Vec<String>>,
}

impl MemoryKv {
    /// An empty storage without a quota.
    pub fn new() -> MemoryKv {
        MemoryKv::default()
    }

    /// Sets the quota in UTF-16 code units (keys and values), or lifts it.
    pub fn set_quota(&self, quota: Option<usize>) {
        self.quota.set(quota);
    }

    /// Lets `k` more writes (sets and removals) succeed, then fails every later one with
    /// [`KvError::Other`] until this is called again; `None` lifts the limit.
    pub fn fail_after(&self, k: Option<usize>) {
        self.fail_after.set(k);
    }

    /// How many writes succeeded so far.
    pub fn writes(&self) -> usize {
        self.writes.get()
    }

    /// How many reads (`get`) there were so far.
    pub fn reads(&self) -> usize {
        self.reads.get()
    }

    /// The keys written (by `set`) since the last call, in order.
    pub fn take_written(&self) -> Vec<String> {
        std::mem::take(&mut *self.written.borrow_mut())
    }

    /// How much is stored, in UTF-16 code units (keys and values).
    pub fn used(&self) -> usize {
        self.map.borrow().iter().map(|(k, v)| units(k) + units(v)).sum()
    }

    /// A copy of everything stored, to compare states.
    pub fn dump(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }

    /// Counts a write against the failure limit; fails when none is left.
    fn spend_write(&self) -> Result<(), KvError> {
        match self.fail_after.get() {
            Some(0) => Err(KvError::Other("simulated failure: the tab stopped writing".into())),
            Some(k) => {
                self.fail_after.set(Some(k - 1));
                Ok(())
            }
            None => Ok(()),
        }
    }
}

impl Kv for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.reads.set(self.reads.get() + 1);
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        if let Some(quota) = self.quota.get() {
            let replaced = self.map.borrow().get(key).map_or(0, |old| units(key) + units(old));
            if self.used() - replaced + units(key) + units(value) > quota {
                return Err(KvError::QuotaExceeded);
            }
        }
        self.spend_write()?;
        self.map.borrow_mut().insert(key.to_string(), value.to_string());
        self.writes.set(self.writes.get() + 1);
        self.written.borrow_mut().push(key.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), KvError> {
        self.spend_write()?;
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, KvError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}

impl<T: Kv + ?Sized> Kv for std::rc::Rc<T> {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), KvError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), KvError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        (**self).keys()
    }
}
