//! The pages of procurement projects.

pub mod files;
pub mod history;
pub mod item;
pub mod my_items;
pub mod portfolio;
pub mod project;
pub mod project_form;

use procura_domain::Stage;

use crate::render::RequestContext;

fn stage_name(context: &RequestContext, stage: Stage) -> String {
    context.tr().t(&format!("stage-{}", stage.id()))
}
