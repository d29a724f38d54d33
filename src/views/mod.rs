//! The app's pages, one module each.

mod home;
mod not_found;
mod placeholder;

pub use home::Home;
pub use not_found::NotFound;
pub use placeholder::Placeholder;
