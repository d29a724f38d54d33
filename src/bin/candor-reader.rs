//! The results page's reader worker (`results/candor-reader_loader.js`): reads big team files
//! off the page's thread (see `candor::reader`).

fn main() {
    candor::reader::serve();
}
