//! The web app's entry point: mounts Candor into the page. Nothing else lives here.

fn main() {
    candor::app::start();
}
