//! A team file on this computer's disk, for facilitators who keep the file themselves (a
//! laptop passed around a meeting, a synced folder, a file sent by email).
//!
//! Where the browser has the File System Access API (Chromium-based desktops), Candor keeps a
//! handle to the file the facilitator picked and writes every change back to it: read the
//! file as it is now, have the set-up page's desk refuse it if invalid and make the change,
//! write it whole (the browser
//! writes to a temporary file and swaps it in on close, so a failed write leaves the old file).
//! Elsewhere the file is read from a file picker and changes are saved by downloading the
//! updated file; [`DiskFile::can_write`] tells the page which of the two it has.
//!
//! The API is reached through `Reflect` rather than `web-sys` bindings: those are behind an
//! unstable flag, and four calls do not justify it.

use js_sys::{Function, JSON, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::StoreError;

/// A team file on disk: its name, and a handle to write it back when the browser allows it.
#[derive(Clone, Debug, PartialEq)]
pub struct DiskFile {
    pub name: String,
    handle: Option<JsValue>,
}

impl DiskFile {
    /// A file read from a plain file picker: changes are saved by downloading it again.
    pub fn read_only(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            handle: None,
        }
    }

    /// Whether changes are written back to the file itself.
    pub fn can_write(&self) -> bool {
        self.handle.is_some()
    }
}

/// Whether this browser can open and write files on disk in place.
pub fn has_file_access() -> bool {
    web_sys::window().is_some_and(|w| {
        ["showOpenFilePicker", "showSaveFilePicker"]
            .iter()
            .all(|name| Reflect::get(&w, &(*name).into()).is_ok_and(|f| f.is_function()))
    })
}

/// Calls `target.method(args…)` and waits for the promise it returns, if any.
async fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    let value = function.apply(target, &args.iter().copied().collect())?;
    match value.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}

/// The person closed the picker: not an error, nothing happens.
fn is_cancel(error: &JsValue) -> bool {
    Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|name| name == "AbortError")
}

fn disk_error(error: JsValue) -> StoreError {
    let message = Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "the browser refused".to_owned());
    StoreError::Edit(format!(
        "the file on this computer cannot be read or written: {message}"
    ))
}

/// The picker's options: team files are JSON; `name` is suggested when saving.
fn picker_options(name: Option<&str>) -> JsValue {
    let suggested = name
        .and_then(|n| serde_json::to_string(n).ok())
        .map(|n| format!(r#","suggestedName":{n}"#))
        .unwrap_or_default();
    let text = format!(
        r#"{{"types":[{{"description":"Candor team file","accept":{{"application/json":[".json"]}}}}]{suggested}}}"#
    );
    JSON::parse(&text).unwrap_or(JsValue::UNDEFINED)
}

/// Lets the person pick a team file: the file and its text, unchecked; `None` when they
/// cancel.
pub async fn open() -> Result<Option<(DiskFile, String)>, StoreError> {
    let window: JsValue = web_sys::window()
        .ok_or_else(|| StoreError::Edit("no window".into()))?
        .into();
    let handles = match call(&window, "showOpenFilePicker", &[&picker_options(None)]).await {
        Ok(handles) => handles,
        Err(e) if is_cancel(&e) => return Ok(None),
        Err(e) => return Err(disk_error(e)),
    };
    let handle = Reflect::get(&handles, &0.into()).map_err(disk_error)?;
    let file = DiskFile {
        name: Reflect::get(&handle, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default(),
        handle: Some(handle),
    };
    let text = read_text(&file).await?;
    Ok(Some((file, text)))
}

/// Lets the person choose where to save a new team file and writes `text` (a valid team
/// file, as the set-up page's desk made it) there; `None` when
/// they cancel.
pub async fn save_as(name: &str, text: &str) -> Result<Option<DiskFile>, StoreError> {
    let window: JsValue = web_sys::window()
        .ok_or_else(|| StoreError::Edit("no window".into()))?
        .into();
    let handle = match call(
        &window,
        "showSaveFilePicker",
        &[&picker_options(Some(name))],
    )
    .await
    {
        Ok(handle) => handle,
        Err(e) if is_cancel(&e) => return Ok(None),
        Err(e) => return Err(disk_error(e)),
    };
    let file = DiskFile {
        name: Reflect::get(&handle, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| name.to_owned()),
        handle: Some(handle),
    };
    write_text(&file, text).await?;
    Ok(Some(file))
}

/// The file's text as it is on disk now (another program or a sync client may have changed
/// it since it was opened).
pub async fn read_text(file: &DiskFile) -> Result<String, StoreError> {
    let handle = file
        .handle
        .as_ref()
        .ok_or_else(|| StoreError::Edit("this browser cannot read the file again".into()))?;
    let blob = call(handle, "getFile", &[]).await.map_err(disk_error)?;
    let text = call(&blob, "text", &[]).await.map_err(disk_error)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Writes `text`, a valid team file as the set-up page's desk made it, over the whole file.
pub async fn write_text(file: &DiskFile, text: &str) -> Result<(), StoreError> {
    write_bytes(file, text.as_bytes()).await
}

async fn write_bytes(file: &DiskFile, bytes: &[u8]) -> Result<(), StoreError> {
    let handle = file
        .handle
        .as_ref()
        .ok_or_else(|| StoreError::Edit("this browser cannot write to the file".into()))?;
    let stream = call(handle, "createWritable", &[])
        .await
        .map_err(disk_error)?;
    let bytes: JsValue = Uint8Array::from(bytes).into();
    if let Err(e) = call(&stream, "write", &[&bytes]).await {
        // Abandon the temporary copy: the file on disk stays as it was.
        let _ = call(&stream, "abort", &[]).await;
        return Err(disk_error(e));
    }
    call(&stream, "close", &[]).await.map_err(disk_error)?;
    Ok(())
}
