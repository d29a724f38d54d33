//! The organisation page without a file: what an organisation file is and how to make one.

use yew::prelude::*;

pub fn make() -> Html {
    html! {
        <section class="card" data-testid="org-make">
            <h1>{ "See many teams together" }</h1>
            <p>{ "An organisation file lists teams, each by the link to its team file, arranged in groups such as departments. Open one with a link ending in " }<code>{ "#/org?src=" }</code>{ " and its address." }</p>
        </section>
    }
}
