//! A typed path with its action button: how a file or folder is named when the file dialog is
//! missing (no desktop portal, a bare X session) or slower than typing.

use egui::Ui;

/// A labelled one-line path field and the button that acts on it, laid out in the current row.
pub struct PathField<'a> {
    label: &'a str,
    hint: &'a str,
    button: &'a str,
    enabled: bool,
    width: f32,
}

impl<'a> PathField<'a> {
    /// `label` names the field (screen readers and tests find it by that), `hint` shows while it
    /// is empty, `button` acts on it.
    pub fn new(label: &'a str, hint: &'a str, button: &'a str) -> Self {
        PathField {
            label,
            hint,
            button,
            enabled: true,
            width: 220.0,
        }
    }

    /// Whether the button may act now (e.g. not while the last one is still loading).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// The field's width in points.
    pub fn width(mut self, width: f32) -> Self {
        self.width = width;
        self
    }

    /// Shows the field; the trimmed path when the button is clicked or Enter pressed in the field,
    /// with something typed and the field enabled.
    pub fn show(self, ui: &mut Ui, text: &mut String) -> Option<String> {
        let label = ui.label(self.label);
        let edit = ui
            .add(
                egui::TextEdit::singleline(text)
                    .desired_width(self.width)
                    .hint_text(self.hint),
            )
            .labelled_by(label.id);
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = text.trim();
        let ok = self.enabled && !typed.is_empty();
        let clicked = ui.add_enabled(ok, egui::Button::new(self.button)).clicked();
        ((clicked || enter) && ok).then(|| typed.to_string())
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::PathField;

    /// The field's text, whether it may act, and what it gave back.
    struct State {
        text: String,
        enabled: bool,
        got: Option<String>,
    }

    fn harness(text: &str, enabled: bool) -> Harness<'static, State> {
        let state = State {
            text: text.into(),
            enabled,
            got: None,
        };
        Harness::new_ui_state(
            |ui, s: &mut State| {
                let field = PathField::new("Path", "/path/to/file", "Open").enabled(s.enabled);
                if let Some(p) = field.show(ui, &mut s.text) {
                    s.got = Some(p);
                }
            },
            state,
        )
    }

    #[test]
    fn the_button_gives_the_trimmed_path() {
        let mut h = harness("  /tmp/a.csv ", true);
        h.get_by_label("Open").click();
        h.run();
        assert_eq!(h.state().got.as_deref(), Some("/tmp/a.csv"));
    }

    #[test]
    fn enter_in_the_field_gives_the_path() {
        let mut h = harness("", true);
        h.get_by_label("Path").click();
        h.run();
        h.get_by_label("Path").type_text("/tmp/b.csv");
        h.run();
        h.key_press(egui::Key::Enter);
        h.run();
        assert_eq!(h.state().got.as_deref(), Some("/tmp/b.csv"));
    }

    #[test]
    fn nothing_when_empty_or_disabled() {
        for (text, enabled) in [("   ", true), ("/tmp/c.csv", false)] {
            let mut h = harness(text, enabled);
            h.get_by_label("Open").click();
            h.run();
            assert_eq!(h.state().got, None, "{text:?} enabled={enabled}");
        }
    }
}
