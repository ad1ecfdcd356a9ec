//! A route's side table: what one provider remembers beyond the shared job record (a
//! creation time, resolved parameters, a remix source, an uploaded file), keyed by id.

use std::collections::HashMap;
use std::sync::Mutex;

use super::lock;

pub(crate) struct Book<T>(Mutex<HashMap<String, T>>);

// Derived `Default` would demand `T: Default`, which entries need not be.
impl<T> Default for Book<T> {
    fn default() -> Self {
        Self(Mutex::default())
    }
}

impl<T> Book<T> {
    pub fn insert(&self, id: &str, entry: T) {
        lock(&self.0).insert(id.to_owned(), entry);
    }

    pub fn remove(&self, id: &str) -> Option<T> {
        lock(&self.0).remove(id)
    }

    /// Changes an entry in place under one lock; `None` when there is no entry.
    pub fn update<R>(&self, id: &str, change: impl FnOnce(&mut T) -> R) -> Option<R> {
        lock(&self.0).get_mut(id).map(change)
    }

    /// The id of some entry `wanted` accepts.
    pub fn find(&self, wanted: impl Fn(&T) -> bool) -> Option<String> {
        lock(&self.0).iter().find(|(_, entry)| wanted(entry)).map(|(id, _)| id.clone())
    }
}

impl<T: Clone> Book<T> {
    /// A copy, so no caller holds the lock while it builds a response.
    pub fn get(&self, id: &str) -> Option<T> {
        lock(&self.0).get(id).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::Book;

    #[test]
    fn entries_are_kept_changed_found_and_removed_by_id() {
        let book = Book::default();
        book.insert("a", 1);
        book.insert("b", 2);
        assert_eq!(book.update("a", |n| *n += 10), Some(()));
        assert_eq!(book.update("missing", |n| *n += 10), None);
        assert_eq!(book.get("a"), Some(11));
        assert_eq!(book.find(|n| *n == 2).as_deref(), Some("b"));
        assert_eq!(book.remove("b"), Some(2));
        assert_eq!(book.get("b"), None);
    }
}
