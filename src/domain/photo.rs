//! Designers' photos: whatever a phone or a camera sends, turned into a small JPEG that
//! carries nothing but pixels.
//!
//! The format is read from the content, never from the file's name. The image is decoded
//! within bounds (a small file can claim a huge picture), turned upright as its EXIF
//! orientation says, reduced, and encoded anew: the new file has no EXIF, so no location,
//! camera or date leaves with it.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The largest upload accepted, in bytes.
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;

/// The largest side of a stored photo, in pixels.
pub const MAX_SIDE: u32 = 1200;

/// The largest picture decoded, in pixels per side and in all: more than any phone's camera
/// (48 megapixels), less than a bomb (a small file can claim 12,000 × 12,000 pixels).
const MAX_DECODED_SIDE: u32 = 12_000;
const MAX_DECODED_PIXELS: u64 = 50_000_000;

/// A photo ready to store and serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why an upload is not a usable photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the file is larger than the limit")]
    TooLarge,
    #[error("the file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    #[error("the image is damaged or cannot be read")]
    Unreadable,
    #[error("the picture is too large in pixels")]
    TooManyPixels,
}

/// Checks and re-encodes an uploaded photo. CPU-bound: call it off the async runtime.
pub fn process(bytes: &[u8]) -> Result<Photo, PhotoError> {
    if bytes.len() > MAX_UPLOAD {
        return Err(PhotoError::TooLarge);
    }
    let mut picture = decode(bytes, MAX_SIDE)?;
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, FilterType::Lanczos3);
    }
    let jpeg = encode(&picture, 85)?;
    Ok(Photo { width: picture.width(), height: picture.height(), jpeg })
}

/// A JPEG, PNG or WebP picture's decoder, once its header says it is within bounds.
fn open(bytes: &[u8]) -> Result<impl ImageDecoder + '_, PhotoError> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| PhotoError::Unreadable)?;
    if !matches!(reader.format(), Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) {
        return Err(PhotoError::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(320 * 1024 * 1024);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(decode_error)?;
    // The header tells the size: a picture too large is refused before a byte is decoded.
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_DECODED_PIXELS {
        return Err(PhotoError::TooManyPixels);
    }
    Ok(decoder)
}

/// A picture's width and height once upright, from its header alone, if it is one we can
/// decode within bounds.
pub fn inspect(bytes: &[u8]) -> Result<(u32, u32), PhotoError> {
    let mut decoder = open(bytes)?;
    let (width, height) = decoder.dimensions();
    let turned = matches!(
        decoder.orientation().map_err(decode_error)?,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    );
    Ok(if turned { (height, width) } else { (width, height) })
}

/// Decodes a JPEG, PNG or WebP picture within bounds, turned upright; a picture larger than
/// twice `side` is first brought down to about twice `side`. CPU-bound.
pub fn decode(bytes: &[u8], side: u32) -> Result<DynamicImage, PhotoError> {
    let mut decoder = open(bytes)?;
    let orientation = decoder.orientation().map_err(decode_error)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    // A large picture is first brought near its final size by a fast filter that needs no
    // more memory than its result (Lanczos on 50 megapixels needs as much again in floats),
    // and turned upright only once small, since a rotation copies the whole picture.
    if picture.width() > 2 * side || picture.height() > 2 * side {
        picture = picture.thumbnail(2 * side, 2 * side);
    }
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// A JPEG of `picture` with nothing but its pixels; transparency is flattened onto white,
/// since JPEG has none.
pub fn encode(picture: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let rgb = if picture.color().has_alpha() { on_white(picture) } else { picture.to_rgb8() };
    let mut jpeg = Vec::new();
    // `encode`, not the generic `encode_image`: the generic one is compiled with this crate's
    // optimisation, ten times slower in debug builds and so in tests.
    JpegEncoder::new_with_quality(&mut jpeg, quality)
        .encode(rgb.as_raw(), rgb.width(), rgb.height(), ExtendedColorType::Rgb8)
        .map_err(|_| PhotoError::Unreadable)?;
    Ok(jpeg)
}

fn decode_error(error: image::ImageError) -> PhotoError {
    match error {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::Unreadable,
    }
}

fn on_white(picture: &DynamicImage) -> image::RgbImage {
    let rgba = picture.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 128]));
        let mut bytes = Vec::new();
        picture.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).unwrap();
        bytes
    }

    #[test]
    fn a_large_png_becomes_a_reduced_jpeg() {
        let photo = process(&png(2400, 1200)).unwrap();
        assert_eq!((photo.width, photo.height), (1200, 600));
        assert!(photo.jpeg.starts_with(&[0xFF, 0xD8]), "a JPEG");
        let back = image::load_from_memory(&photo.jpeg).unwrap().to_rgb8();
        let [r, g, b] = back.get_pixel(10, 10).0;
        assert!(r > 200 && g > 100 && b > 100, "half-transparent red on white is pink: {r} {g} {b}");
    }

    #[test]
    fn a_picture_of_more_than_fifty_megapixels_is_refused_before_it_is_decoded() {
        // 8,000 × 7,000 grey pixels compress to a few kilobytes.
        let mut bomb = Vec::new();
        image::GrayImage::new(8_000, 7_000).write_to(&mut Cursor::new(&mut bomb), ImageFormat::Png).unwrap();
        assert!(bomb.len() < 1_000_000, "{} bytes", bomb.len());
        assert_eq!(process(&bomb), Err(PhotoError::TooManyPixels));
    }

    #[test]
    fn the_content_decides_not_the_name() {
        assert_eq!(process(b"just some text, named photo.jpg"), Err(PhotoError::NotAnImage));
        let mut broken = png(50, 50);
        broken.truncate(60);
        assert_eq!(process(&broken), Err(PhotoError::Unreadable));
        assert_eq!(process(&vec![0u8; MAX_UPLOAD + 1]), Err(PhotoError::TooLarge));
    }
}
