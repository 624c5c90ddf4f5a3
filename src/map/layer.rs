//! One adapter from a painting layer to a walkers plugin, so each layer only says how it paints
//! a view.

use egui::{Painter, Response, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::ScreenTransform;

/// A map layer: paints itself for the view `t` (unit Mercator → screen).
pub trait Paint {
    fn paint(&self, painter: &Painter, t: &ScreenTransform);
}

/// Runs any [`Paint`] layer as a walkers plugin: the view is read from walkers' projector once.
pub struct Layer<P>(pub P);

impl<P: Paint> Plugin for Layer<P> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let t = ScreenTransform::from_projector(projector);
        self.0.paint(ui.painter(), &t);
    }
}
