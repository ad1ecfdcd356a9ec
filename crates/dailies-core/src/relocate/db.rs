//! The database half of a move: a consistent snapshot (`VACUUM INTO`), clip paths rewritten
//! to the new folder, and the row counts the copy is checked against.

use std::collections::BTreeMap;
use std::path::Path;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};

use crate::error::{Error, Result};
use crate::store::Store;

/// Every table (FTS shadow tables included) with its row count.
pub async fn row_counts(conn: &mut SqliteConnection) -> Result<BTreeMap<String, i64>> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut counts = BTreeMap::new();
    for t in tables {
        // Names come from sqlite_master; quoted so none is read as syntax.
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{}\"", t.replace('"', "\"\"")))
            .fetch_one(&mut *conn)
            .await?;
        counts.insert(t, n);
    }
    Ok(counts)
}

/// Writes a snapshot of the open library to `target` and returns the source's row counts.
pub async fn snapshot(store: &Store, target: &Path) -> Result<BTreeMap<String, i64>> {
    let mut conn = store.pool().acquire().await?;
    let path = target.to_str().ok_or_else(|| Error::LibraryMove(format!("{} is not valid UTF-8", target.display())))?;
    sqlx::query("VACUUM INTO ?").bind(path).execute(&mut *conn).await?;
    row_counts(&mut conn).await
}

/// Opens the copy for the checks and the path rewrite.
pub async fn open_copy(db: &Path) -> Result<SqliteConnection> {
    Ok(SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(db)).await?)
}

/// Clips store their file's absolute path: the ones under the old folder now point into the new.
pub async fn rewrite_paths(conn: &mut SqliteConnection, from: &Path, to: &Path) -> Result<u64> {
    let (old, new) = (prefix(from), prefix(to));
    let done = sqlx::query(
        "UPDATE clips SET file_path = ?1 || substr(file_path, length(?2) + 1) \
         WHERE substr(file_path, 1, length(?2)) = ?2",
    )
    .bind(&new)
    .bind(&old)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

fn prefix(dir: &Path) -> String {
    format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR)
}

/// SQLite's own structural check of the copy.
pub async fn quick_check(conn: &mut SqliteConnection) -> Result<()> {
    let verdict: String = sqlx::query_scalar("PRAGMA quick_check").fetch_one(&mut *conn).await?;
    if verdict != "ok" {
        return Err(Error::LibraryMove(format!("the copied database is damaged: {verdict}")));
    }
    Ok(())
}
