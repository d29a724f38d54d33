//! The set-up page's desk worker (`setup/candor-desk_loader.js`): holds the open team file,
//! draws its cards and makes its changes, off the page's thread (see `candor::reader::desk`).

fn main() {
    candor::reader::desk::serve();
}
