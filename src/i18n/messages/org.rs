//! The organisation page's texts (`org.`): making an organisation file and its pooled view.

catalog! {
    /// The organisation page's texts.
    OrgMsg = "org" {
        Language = "org.language": "Language",
    }
}
