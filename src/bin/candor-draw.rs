//! The results page's drawing worker (`results/candor-draw_loader.js`): reads and draws every
//! team file the page shows, off the page's thread (see `candor::reader::draw`).

fn main() {
    candor::reader::draw::serve();
}
