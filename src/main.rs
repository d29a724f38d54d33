//! The respondent page's entry point (`index.html`): the start page and the survey form.

fn main() {
    candor::app::start(candor::route::Bundle::Respond, candor::views::respond_page);
}
