//! The set-up page's entry point (`setup/index.html`): create, run rounds, edit, share.

fn main() {
    candor::app::start(candor::route::Bundle::Setup, candor::views::setup_page);
}
