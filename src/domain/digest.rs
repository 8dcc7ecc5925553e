//! Digests written as text: names of content-addressed files, versions of the site's files.

use sha2::{Digest, Sha256};

/// Bytes as lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first `bytes` bytes of the SHA-256 of `content`, in hexadecimal: a name that changes
/// with the content.
pub fn short_sha256(content: &[u8], bytes: usize) -> String {
    hex(&Sha256::digest(content)[..bytes])
}
