//! The sealer worker (`candor-sealer_loader.js` beside the respondent page): seals answers and
//! makes results keys off the page (see `candor::sealer`).

fn main() {
    candor::sealer::serve();
}
