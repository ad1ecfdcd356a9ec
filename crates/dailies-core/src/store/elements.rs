//! The `elements` table. Image paths are stored relative to the data dir and made absolute
//! on the way out, so a library moved elsewhere keeps its elements.

use sqlx::Row;

use super::{now_ms, Store};
use crate::api::LibraryElement;
use crate::error::{Error, InputError, Result};

const COLUMNS: &str = "id, name, frontal_image, reference_images_json, created_at_ms";

impl Store {
    /// Adds an element whose files are already in place (relative paths).
    pub async fn insert_element(&self, id: &str, name: &str, frontal: &str, refs: &[String]) -> Result<LibraryElement> {
        let refs_json = serde_json::to_string(refs).expect("a list of strings serialises");
        let inserted = sqlx::query(
            "INSERT INTO elements (id, name, frontal_image, reference_images_json, created_at_ms) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(name)
        .bind(frontal)
        .bind(refs_json)
        .bind(now_ms())
        .execute(self.pool())
        .await;
        match inserted {
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(InputError::Element(format!("an element named '{name}' is already in the library")).into())
            }
            other => other.map(|_| ()).map_err(Error::from),
        }?;
        self.element(id).await
    }

    pub async fn elements(&self) -> Result<Vec<LibraryElement>> {
        let sql = format!("SELECT {COLUMNS} FROM elements ORDER BY name COLLATE NOCASE");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        Ok(rows.iter().map(|r| self.element_of(r)).collect())
    }

    /// By id, or by name (case-insensitive).
    pub async fn element(&self, id_or_name: &str) -> Result<LibraryElement> {
        let sql = format!("SELECT {COLUMNS} FROM elements WHERE id = ?1 OR name = ?1 COLLATE NOCASE");
        let row = sqlx::query(&sql).bind(id_or_name).fetch_optional(self.pool()).await?;
        let row = row.ok_or_else(|| Error::NotFound { what: "element", id: id_or_name.to_string() })?;
        Ok(self.element_of(&row))
    }

    pub async fn delete_element(&self, id: &str) -> Result<()> {
        let done = sqlx::query("DELETE FROM elements WHERE id = ?").bind(id).execute(self.pool()).await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound { what: "element", id: id.to_string() });
        }
        Ok(())
    }

    fn element_of(&self, row: &sqlx::sqlite::SqliteRow) -> LibraryElement {
        let absolute = |rel: &str| self.data_dir().join(rel).display().to_string();
        let refs: Vec<String> = serde_json::from_str(row.get::<&str, _>(3)).unwrap_or_default();
        LibraryElement {
            id: row.get(0),
            name: row.get(1),
            frontal_image: absolute(row.get(2)),
            reference_images: refs.iter().map(|r| absolute(r)).collect(),
            created_at_ms: row.get(4),
        }
    }
}
