//! The results page's entry point (`results/index.html`): the dashboard.

fn main() {
    candor::app::start(candor::route::Bundle::Results, candor::views::results_page);
}
