//! The app's pages, one module each.

mod home;
mod not_found;
mod placeholder;
mod take;

pub use home::Home;
pub use not_found::NotFound;
pub use placeholder::Placeholder;
pub use take::Take;
