//! The respondent page's entry point (`index.html`): the start page and the survey form.

fn main() {
    // Answers kept on this phone go out as soon as the network is back.
    candor::storage::respondent::sync_when_online(candor::sealer::WRITER);
    candor::app::start(candor::route::Bundle::Respond, candor::views::respond_page);
}
