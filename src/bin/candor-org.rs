//! The organisation page's entry point (`org/index.html`): many teams at once.

fn main() {
    candor::app::start(candor::route::Bundle::Org, candor::views::org_page);
}
