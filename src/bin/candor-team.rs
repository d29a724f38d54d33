//! The team page's entry point (`team/index.html`): results and set-up.

fn main() {
    candor::app::start(candor::route::Bundle::Team, candor::views::team_page);
}
