//! `dailies element add / list / rm`: the element library (a name, a frontal image, 1–3
//! other views), and `--element` on compare/preview: `FRONT.png[,REF.png...]` or a library
//! element's name, in the order `@Element1`, `@Element2`… name them.

use std::process::ExitCode;

use clap::Subcommand;
use dailies_core::api::{LibraryElement, NewElement};
use dailies_core::catalog::Element;
use dailies_core::{Error, InputError, Studio};

use crate::render::short_id;

#[derive(Subcommand, Debug)]
pub enum ElementAction {
    /// Keep an element in the library: its name, a frontal image and 1–3 other views (copied in).
    Add {
        name: String,
        #[arg(value_name = "FRONT")]
        frontal_image: String,
        #[arg(value_name = "REF", required = true, num_args = 1..=3)]
        reference_images: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// The library's elements, by name.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove an element (name or id) and its copies.
    Rm { element: String },
}

pub async fn run(studio: &Studio, action: ElementAction) -> Result<ExitCode, Error> {
    match action {
        ElementAction::Add { name, frontal_image, reference_images, json } => {
            let added = studio.add_element(&NewElement { name, frontal_image, reference_images }).await?;
            print(std::slice::from_ref(&added), json, false);
        }
        ElementAction::List { json } => print(&studio.list_elements().await?, json, true),
        ElementAction::Rm { element } => {
            let gone = studio.remove_element(&element).await?;
            println!("element '{}' removed", gone.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print(elements: &[LibraryElement], json: bool, as_list: bool) {
    if json {
        let value = if as_list { serde_json::json!({ "elements": elements }) } else { serde_json::json!(elements[0]) };
        println!("{value}");
        return;
    }
    for e in elements {
        let views = e.reference_images.len();
        println!(
            "{}  {}  {}  (+{views} view{})",
            short_id(&e.id),
            e.name,
            e.frontal_image,
            if views == 1 { "" } else { "s" }
        );
    }
}

/// The `--element` values as elements, in order: a value with a comma or naming an existing
/// file is `FRONT[,REF...]`; anything else is a library element's name. The files are checked
/// by the plan (readable images, at most three references), so a bad one exits 2 there.
pub async fn resolve(studio: &Studio, values: &[String]) -> Result<Vec<Element>, Error> {
    let mut out = Vec::new();
    for value in values {
        let files: Vec<String> = value.split(',').map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect();
        let Some((front, refs)) = files.split_first() else {
            return Err(InputError::Element(
                "an empty --element; give FRONT.png[,REF.png...] or a library name".into(),
            )
            .into());
        };
        if files.len() > 1 || std::path::Path::new(front).exists() {
            out.push(Element { name: None, frontal_image: front.clone(), reference_images: refs.to_vec() });
            continue;
        }
        match studio.element(front).await {
            Ok(found) => out.push(found.as_element()),
            Err(Error::NotFound { .. }) => {
                let message = format!(
                    "'{front}' is neither an image file nor an element in the library (see `dailies element list`)"
                );
                return Err(InputError::Element(message).into());
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}
