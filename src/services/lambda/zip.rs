//! Reads the `.zip` deployment package CreateFunction and UpdateFunctionCode
//! take in `Code.ZipFile`: the central directory, stored and deflated entries.
//! Enough for a Node.js function's sources; no zip64, no encryption.

use std::collections::BTreeMap;

/// AWS's limit on the unzipped size of a function's package.
pub const MAX_UNZIPPED_BYTES: usize = 262_144_000;

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// The text files of a zip by path (directories and non-UTF-8 files left out), or None when
/// the bytes are not a zip Stratus can read.
pub fn read(zip: &[u8]) -> Option<BTreeMap<String, String>> {
    const EOCD: &[u8] = &[0x50, 0x4b, 0x05, 0x06];
    let search_from = zip.len().saturating_sub(22 + 65_535);
    let eocd = (search_from..=zip.len().checked_sub(22)?)
        .rev()
        .find(|&i| zip.get(i..i + 4) == Some(EOCD))?;
    let entries = u16_at(zip, eocd + 10)?;
    let mut at = u32_at(zip, eocd + 16)?;
    let mut files = BTreeMap::new();
    let mut total = 0usize;
    for _ in 0..entries {
        if zip.get(at..at + 4)? != [0x50, 0x4b, 0x01, 0x02] {
            return None;
        }
        let method = u16_at(zip, at + 10)?;
        let compressed = u32_at(zip, at + 20)?;
        let size = u32_at(zip, at + 24)?;
        let name_len = u16_at(zip, at + 28)?;
        let extra_len = u16_at(zip, at + 30)?;
        let comment_len = u16_at(zip, at + 32)?;
        let local = u32_at(zip, at + 42)?;
        let name = std::str::from_utf8(zip.get(at + 46..at + 46 + name_len)?).ok()?;
        at += 46 + name_len + extra_len + comment_len;
        total = total.checked_add(size)?;
        if total > MAX_UNZIPPED_BYTES {
            return None;
        }
        if name.ends_with('/') {
            continue;
        }
        if zip.get(local..local + 4)? != [0x50, 0x4b, 0x03, 0x04] {
            return None;
        }
        let data_at = local + 30 + u16_at(zip, local + 26)? + u16_at(zip, local + 28)?;
        let raw = zip.get(data_at..data_at + compressed)?;
        let bytes = match method {
            0 => raw.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(raw, size.max(1)).ok()?,
            _ => return None,
        };
        if let Ok(text) = String::from_utf8(bytes) {
            files.insert(name.trim_start_matches("./").to_string(), text);
        }
    }
    Some(files)
}

/// A zip of `files`, stored without compression (for tests and the UI's export).
pub fn write_stored(files: &BTreeMap<String, String>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, text) in files {
        let offset = out.len() as u32;
        let crc = crc32(text.as_bytes());
        let header = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // flags, method 0 (stored), time
            h.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(text.len() as u32).to_le_bytes());
            h.extend_from_slice(&(text.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            h
        };
        out.extend(header(&[0x50, 0x4b, 0x03, 0x04], false));
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(text.as_bytes());
        central.extend(header(&[0x50, 0x4b, 0x01, 0x02], true));
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attrs
        central.extend_from_slice(&[0; 4]); // external attrs
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend(central);
    out.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_zip_reads_back_to_the_same_files() {
        let files = BTreeMap::from([
            (
                "index.mjs".to_string(),
                "export const handler = async () => 1;".to_string(),
            ),
            ("lib/util.js".to_string(), "exports.x = 1;".to_string()),
        ]);
        assert_eq!(read(&write_stored(&files)), Some(files));
    }

    #[test]
    fn bytes_that_are_not_a_zip_are_refused() {
        assert_eq!(read(b"not a zip at all, just text"), None);
        assert_eq!(read(&[]), None);
    }

    #[test]
    fn a_deflated_entry_is_inflated() {
        let text = "console.log('hi');\n".repeat(50);
        let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6);
        let mut files = BTreeMap::new();
        files.insert("a.js".to_string(), text.clone());
        let mut zip = write_stored(&files);
        // Rewrite the one entry as method 8 with the deflated bytes.
        let name_len = 4;
        let mut rebuilt = zip[..30 + name_len].to_vec();
        rebuilt[8] = 8;
        rebuilt[18..22].copy_from_slice(&(deflated.len() as u32).to_le_bytes());
        rebuilt.extend_from_slice(&deflated);
        let cd_start = 30 + name_len + text.len();
        let mut central = zip[cd_start..zip.len() - 22].to_vec();
        central[10] = 8;
        central[20..24].copy_from_slice(&(deflated.len() as u32).to_le_bytes());
        let cd_offset = rebuilt.len() as u32;
        rebuilt.extend_from_slice(&central);
        let mut eocd = zip.split_off(zip.len() - 22);
        eocd[16..20].copy_from_slice(&cd_offset.to_le_bytes());
        rebuilt.extend_from_slice(&eocd);
        assert_eq!(read(&rebuilt).unwrap()["a.js"], text);
    }
}
