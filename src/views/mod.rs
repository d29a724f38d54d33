//! The app's pages, one module each.

mod home;
mod not_found;
mod placeholder;
mod take;

pub use home::home;
pub use not_found::not_found;
pub use placeholder::placeholder;
pub use take::Take;
