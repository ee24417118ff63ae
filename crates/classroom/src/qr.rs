//! A share code as a QR code, drawn as SVG by the `qrcode` crate (without its image features).
//! A code's characters (digits, capitals and dashes) fit QR's alphanumeric mode, so even a code
//! with dashboard totals stays a small symbol.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `text` as an SVG drawing, or `None` if the text is too long for one.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let drawing = code
        .render::<svg::Color<'_>>()
        .min_dimensions(180, 180)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // The drawing goes inside the page: no XML declaration, hidden from assistive technologies
    // (the page shows the same code as text).
    let start = drawing.find("<svg")?;
    let body = drawing.get(start..)?;
    Some(body.replacen("<svg", r#"<svg aria-hidden="true" focusable="false""#, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_becomes_a_qr_drawing() {
        let svg = qr_svg("0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ").unwrap();
        assert!(svg.starts_with("<svg aria-hidden=\"true\""), "{svg}");
        assert!(svg.contains("<path") || svg.contains("<rect"));
        assert!(qr_svg(&"9".repeat(10_000)).is_none());
    }
}
