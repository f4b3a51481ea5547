//! CPU-heavy work of a request (name matching of an imported grid or plan)
//! that stops when its request is gone, shared by the use cases.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when the request that started some work is gone: the work checks it
/// between its steps and stops.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    #[must_use]
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Sets the flag when dropped, that is when the future awaiting the work is.
struct SetOnDrop(CancelFlag);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        (self.0).0.store(true, Ordering::Relaxed);
    }
}

/// Runs CPU-heavy `work` (name matching of a grid or a plan) off the async
/// threads. A dropped request drops this future, which sets the flag the
/// work checks: it stops instead of running on for nobody. `None` when the
/// work stopped that way (or panicked).
pub async fn cancellable<T: Send + 'static>(
    work: impl FnOnce(&CancelFlag) -> Option<T> + Send + 'static,
) -> Option<T> {
    let flag = CancelFlag::default();
    let guard = SetOnDrop(flag.clone());
    let result = tokio::task::spawn_blocking(move || work(&flag))
        .await
        .ok()
        .flatten();
    drop(guard);
    result
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// Never hangs the suite; the outcome does not depend on the delay.
    fn wait(rx: &mpsc::Receiver<&'static str>) -> &'static str {
        rx.recv_timeout(Duration::from_mins(1)).unwrap()
    }

    #[tokio::test]
    async fn dropped_work_observes_its_flag_and_stops() {
        let (tx, rx) = mpsc::channel::<&'static str>();
        let task = tokio::spawn(cancellable(move |cancel| {
            tx.send("started").unwrap();
            // Endless unless cancelled.
            while !cancel.is_set() {
                std::thread::yield_now();
            }
            tx.send("stopped").unwrap();
            None::<()>
        }));
        let rx = tokio::task::spawn_blocking(move || {
            assert_eq!(wait(&rx), "started");
            rx
        })
        .await
        .unwrap();
        // The request is gone: its future is dropped.
        task.abort();
        let _ = task.await;
        let stopped = tokio::task::spawn_blocking(move || wait(&rx))
            .await
            .unwrap();
        assert_eq!(stopped, "stopped");
    }

    #[tokio::test]
    async fn finished_work_gives_its_result() {
        assert_eq!(cancellable(|_| Some(42)).await, Some(42));
    }
}
