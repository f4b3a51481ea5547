//! A first-come, first-served limit on concurrent searches.
//!
//! Searches are CPU-bound and short (well under a millisecond). Running more
//! of them at once than there are cores only lets the OS scheduler preempt
//! them at random, which turns a few milliseconds of queueing into tail
//! latencies of hundreds (measured: p99 ≈ 180 ms instead of ≈ 10 ms with 32
//! clients on 2 cores). Waiting in arrival order keeps every search's
//! latency close to the mean.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, Thread};

pub(crate) struct Gate {
    state: Mutex<State>,
}

struct State {
    free: usize,
    queue: VecDeque<Arc<Waiter>>,
}

struct Waiter {
    thread: Thread,
    granted: AtomicBool,
}

/// Returns its slot to the gate when dropped (also when a search panics).
pub(crate) struct Permit<'a> {
    gate: &'a Gate,
}

impl Gate {
    pub(crate) fn new(permits: usize) -> Gate {
        Gate {
            state: Mutex::new(State {
                free: permits.max(1),
                queue: VecDeque::new(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is updated in single statements that cannot panic, so a
        // poisoned lock still guards consistent data.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn acquire(&self) -> Permit<'_> {
        let waiter = {
            let mut state = self.lock();
            if state.free > 0 {
                state.free -= 1;
                return Permit { gate: self };
            }
            let waiter = Arc::new(Waiter {
                thread: thread::current(),
                granted: AtomicBool::new(false),
            });
            state.queue.push_back(Arc::clone(&waiter));
            waiter
        };
        // `park` may return spuriously; only the grant counts.
        while !waiter.granted.load(Ordering::Acquire) {
            thread::park();
        }
        Permit { gate: self }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.gate.lock();
        // The slot goes straight to the longest waiter: a newcomer cannot
        // overtake it.
        if let Some(next) = state.queue.pop_front() {
            next.granted.store(true, Ordering::Release);
            next.thread.unpark();
        } else {
            state.free += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;
    use std::time::Duration;

    use super::*;

    #[test]
    fn never_more_than_the_permits_at_once() {
        let gate = Gate::new(2);
        let running = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        thread::scope(|scope| {
            for _ in 0..16 {
                scope.spawn(|| {
                    for _ in 0..20 {
                        let _permit = gate.acquire();
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        peak.fetch_max(now, Ordering::SeqCst);
                        thread::sleep(Duration::from_micros(50));
                        running.fetch_sub(1, Ordering::SeqCst);
                        done.fetch_add(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(done.load(Ordering::SeqCst), 16 * 20);
        assert!(peak.load(Ordering::SeqCst) <= 2);
        assert_eq!(gate.lock().free, 2, "every permit came back");
    }

    #[test]
    fn a_panicking_holder_releases_its_permit() {
        let gate = Gate::new(1);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _permit = gate.acquire();
            panic!("search failed");
        }));
        assert!(result.is_err());
        drop(gate.acquire());
    }
}
