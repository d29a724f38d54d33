//! Files in and out of the browser: downloads through a temporary link, and reading a file the
//! person picked.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::error::UiError;

/// Saves `bytes` as a file through a temporary object URL and a download link.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

/// Saves a blob as a file.
pub fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
            link.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Saves an `<svg>` element as a PNG picture, `scale` times its (whole-number) viewBox size,
/// on white. The
/// picture is drawn through an image of the SVG as a data URL (allowed by the page's policy).
pub fn download_png(name: &str, svg: &web_sys::Element, scale: u32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Whole numbers only: parsing text as f64 would link the float parser (about 10 kB).
    let view_box: Vec<u32> = svg
        .get_attribute("viewBox")
        .unwrap_or_default()
        .split(' ')
        .filter_map(|n| n.parse().ok())
        .collect();
    let [.., width, height] = view_box[..] else {
        return;
    };
    let (width, height) = (width * scale, height * scale);
    let source = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&svg.outer_html()))
    );
    let (Ok(image), Ok(canvas)) = (
        web_sys::HtmlImageElement::new(),
        document.create_element("canvas"),
    ) else {
        return;
    };
    let Ok(canvas) = canvas.dyn_into::<web_sys::HtmlCanvasElement>() else {
        return;
    };
    canvas.set_width(width);
    canvas.set_height(height);
    let name = name.to_owned();
    let drawn = image.clone();
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        context.set_fill_style_str("#fff");
        context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
        let _ = context.draw_image_with_html_image_element_and_dw_and_dh(
            &drawn,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        );
        let save =
            wasm_bindgen::closure::Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
                if let Some(blob) = blob {
                    download_blob(&name, &blob);
                }
            });
        let _ = canvas.to_blob(save.unchecked_ref());
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&source);
}

/// The text of the file picked in `input`, or why it cannot be read. The input is cleared,
/// so the same file can be picked again.
pub async fn read_picked_text(input: &web_sys::HtmlInputElement) -> Result<String, UiError> {
    let text = read_picked(input).await;
    input.set_value("");
    text.ok_or(UiError::Unreadable)
}

/// The text of the first file picked in `input`, or `None` when nothing was picked or the
/// file cannot be read as text.
async fn read_picked(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = JsFuture::from(file.text()).await.ok()?;
    text.as_string()
}
