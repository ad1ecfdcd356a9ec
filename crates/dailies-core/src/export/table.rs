//! The CSV export, written by the `csv` crate (quoting of commas, quotes and newlines in
//! prompts is its job, not ours).

use super::rows::ExportRow;
use crate::error::{Error, Result};

pub fn csv(rows: &[ExportRow]) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        // serde writes the header with the first row; a run with no live clip still gets one.
        out.write_record(header()?).map_err(export_error)?;
    }
    for row in rows {
        out.serialize(row).map_err(export_error)?;
    }
    let bytes = out.into_inner().map_err(|e| Error::Export(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Export(e.to_string()))
}

/// The column names, as serde writes them for a row.
fn header() -> Result<Vec<String>> {
    let mut probe = csv::Writer::from_writer(Vec::new());
    probe.serialize(ExportRow::default()).map_err(export_error)?;
    let bytes = probe.into_inner().map_err(|e| Error::Export(e.to_string()))?;
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    Ok(reader.headers().map_err(export_error)?.iter().map(String::from).collect())
}

fn export_error(e: csv::Error) -> Error {
    Error::Export(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_run_still_has_the_header_scripts_read() {
        let text = csv(&[]).unwrap();
        assert!(text.starts_with(
            "run_id,clip_id,prompt,model,route,take,status,cost_usd,cost_kind,latency_queued_ms,\
             latency_generating_ms,latency_downloading_ms,latency_total_ms,width,height,duration_s,\
             has_audio,rating,tags,file,"
        ));
        assert_eq!(text.lines().count(), 1);
    }

    #[test]
    fn prompts_with_commas_quotes_and_newlines_stay_one_field() {
        let row = ExportRow { prompt: "a \"quoted\", two-line\nprompt".into(), ..ExportRow::default() };
        let text = csv(std::slice::from_ref(&row)).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[2], "a \"quoted\", two-line\nprompt");
    }
}
