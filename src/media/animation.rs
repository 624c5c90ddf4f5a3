//! Writing an animation of the story: which days the frames show, and the file (a looping
//! GIF with one palette for every frame, or a lossless APNG), written to a temporary file that
//! replaces the target only when complete (or, where there are no files, into memory, for a
//! download). A cancelled or failed export leaves nothing behind.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::MediaError;

/// Which days the frames show: `fps` frames a second, `speed` story days a second.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FramePlan {
    pub start: f64,
    pub end: f64,
    pub fps: f64,
    pub speed: f64,
}

impl FramePlan {
    /// A plan from day `start` to day `end` (day numbers; the end day is shown whole).
    ///
    /// ```
    /// use event_atlas::media::FramePlan;
    /// // 16 days at 2 days a second and 8 frames a second: 64 steps, 65 frames.
    /// let plan = FramePlan::new(0.0, 16.0, 8.0, 2.0).unwrap();
    /// assert_eq!(plan.frames(), 65);
    /// assert_eq!(plan.day(64), 16.0);
    /// assert!(FramePlan::new(5.0, 5.0, 8.0, 2.0).is_err());
    /// assert!(FramePlan::new(0.0, 16.0, 0.0, 2.0).is_err());
    /// ```
    pub fn new(start: f64, end: f64, fps: f64, speed: f64) -> Result<Self, MediaError> {
        let ok = |v: f64| v.is_finite() && v > 0.0;
        if !(start.is_finite() && end.is_finite() && end > start) {
            return Err(MediaError::Plan(
                "the range is empty: its end is not after its start".into(),
            ));
        }
        if !ok(fps) || !ok(speed) {
            return Err(MediaError::Plan(format!(
                "0 frames: frames per second ({fps}) and days per second ({speed}) must be above 0"
            )));
        }
        let plan = Self {
            start,
            end,
            fps,
            speed,
        };
        if plan.frames() > 20_000 {
            return Err(MediaError::Plan(format!(
                "{} frames is too many: raise the speed or lower the frames per second",
                plan.frames()
            )));
        }
        Ok(plan)
    }

    /// Number of frames, the first and last day included.
    pub fn frames(&self) -> usize {
        let steps = ((self.end - self.start) / self.speed * self.fps).ceil();
        steps as usize + 1
    }

    /// The day frame `k` shows (the last is the range's end).
    pub fn day(&self, k: usize) -> f64 {
        (self.start + k as f64 * self.speed / self.fps).min(self.end)
    }

    /// How long each frame shows, in hundredths of a second (GIF's unit; at least 2, as
    /// browsers slow down anything shorter).
    pub fn delay_cs(&self) -> u16 {
        (100.0 / self.fps).round().clamp(2.0, 6000.0) as u16
    }
}

/// The file formats written, told by the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gif,
    Apng,
}

impl Format {
    /// `.gif` is a GIF; `.png` or `.apng` an animated PNG.
    pub fn of(path: &Path) -> Result<Self, MediaError> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match ext.to_ascii_lowercase().as_str() {
            "gif" => Ok(Self::Gif),
            "png" | "apng" => Ok(Self::Apng),
            _ => Err(MediaError::Format(path.display().to_string())),
        }
    }
}

/// Bytes made in memory, shared with the writer (the APNG encoder keeps its writer to the end).
type Shared = std::sync::Arc<std::sync::Mutex<Vec<u8>>>;

/// Where the encoded bytes go: a temporary file, or memory.
enum Sink {
    File(BufWriter<File>),
    Memory(Shared),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Self::File(f) => f.write(buf),
            Self::Memory(v) => v
                .lock()
                .map_err(|_| std::io::Error::other("the animation's memory was lost"))?
                .write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Self::File(f) => f.flush(),
            Self::Memory(_) => Ok(()),
        }
    }
}

/// A finished animation: the file put in place, or the bytes made in memory.
#[derive(Debug)]
pub enum Written {
    File(PathBuf),
    Bytes(Vec<u8>),
}

enum Encoder {
    Gif {
        enc: gif::Encoder<Sink>,
        palette: Palette,
    },
    Apng(png::Writer<Sink>),
    /// Before the first frame of a GIF (its palette comes from it).
    Pending(Sink),
}

/// One palette for the whole GIF (from the first frame), and a cache of the colours met.
struct Palette {
    nq: color_quant::NeuQuant,
    seen: FxHashMap<[u8; 3], u8>,
}

impl Palette {
    fn index(&mut self, p: &[u8]) -> u8 {
        let rgb = [p[0], p[1], p[2]];
        *self
            .seen
            .entry(rgb)
            .or_insert_with(|| self.nq.index_of(&[p[0], p[1], p[2], 255]) as u8)
    }
}

/// An animation being written, frame by frame, to a temporary file beside the target (or to
/// memory).
pub struct AnimationWriter {
    encoder: Option<Encoder>,
    /// The temporary file; `None` in memory.
    tmp: Option<PathBuf>,
    /// The bytes, when written in memory.
    memory: Option<Shared>,
    /// The target (in memory: the name, for messages and the format).
    path: PathBuf,
    size: (u32, u32),
    plan: FramePlan,
    written: usize,
}

impl AnimationWriter {
    /// Starts `path` for frames of `width`×`height`; fails at once on an unwritable path.
    pub fn create(
        path: &Path,
        width: u32,
        height: u32,
        plan: FramePlan,
    ) -> Result<Self, MediaError> {
        Format::of(path)?;
        let tmp = temp_path(path);
        let file = File::create(&tmp).map_err(|e| MediaError::io(path, e))?;
        let sink = Sink::File(BufWriter::new(file));
        Self::start(sink, Some(tmp), path, (width, height), plan)
    }

    /// Starts an animation in memory (`name` gives its format): [`AnimationWriter::finish`]
    /// hands back the bytes, for a download.
    pub fn in_memory(
        name: &str,
        width: u32,
        height: u32,
        plan: FramePlan,
    ) -> Result<Self, MediaError> {
        let path = Path::new(name);
        Format::of(path)?;
        let memory = Shared::default();
        let mut w = Self::start(
            Sink::Memory(memory.clone()),
            None,
            path,
            (width, height),
            plan,
        )?;
        w.memory = Some(memory);
        Ok(w)
    }

    fn start(
        sink: Sink,
        tmp: Option<PathBuf>,
        path: &Path,
        (width, height): (u32, u32),
        plan: FramePlan,
    ) -> Result<Self, MediaError> {
        let drop_tmp = || {
            if let Some(t) = &tmp {
                let _ = std::fs::remove_file(t);
            }
        };
        if width == 0 || height == 0 || width > u32::from(u16::MAX) || height > u32::from(u16::MAX)
        {
            drop_tmp();
            return Err(MediaError::Plan(format!(
                "a frame of {width}×{height} cannot be written"
            )));
        }
        let encoder = match Format::of(path)? {
            Format::Gif => Encoder::Pending(sink),
            Format::Apng => Encoder::Apng(apng(sink, width, height, &plan).map_err(|e| {
                drop_tmp();
                MediaError::Encode(e.to_string())
            })?),
        };
        Ok(Self {
            encoder: Some(encoder),
            tmp,
            memory: None,
            path: path.to_path_buf(),
            size: (width, height),
            plan,
            written: 0,
        })
    }

    /// Adds a frame (RGBA, `width`×`height`, rows top to bottom).
    pub fn add(&mut self, rgba: &[u8]) -> Result<(), MediaError> {
        let (w, h) = self.size;
        if rgba.len() != (w * h * 4) as usize {
            return Err(MediaError::Plan(format!(
                "frame {} is not {w}×{h} (the window changed size while recording)",
                self.written + 1
            )));
        }
        let encoder = self
            .encoder
            .take()
            .ok_or(MediaError::Plan("already finished".into()))?;
        let encoder = match encoder {
            Encoder::Pending(file) => start_gif(file, w, h, rgba)?,
            other => other,
        };
        self.encoder = Some(self.write(encoder, rgba)?);
        self.written += 1;
        Ok(())
    }

    fn write(&self, mut encoder: Encoder, rgba: &[u8]) -> Result<Encoder, MediaError> {
        let (w, h) = self.size;
        let enc = |e: &dyn std::fmt::Display| MediaError::Encode(e.to_string());
        match &mut encoder {
            Encoder::Gif { enc: g, palette } => {
                let indexed: Vec<u8> = rgba.chunks_exact(4).map(|p| palette.index(p)).collect();
                let frame = gif::Frame {
                    width: w as u16,
                    height: h as u16,
                    delay: self.plan.delay_cs(),
                    buffer: std::borrow::Cow::Owned(indexed),
                    ..gif::Frame::default()
                };
                g.write_frame(&frame).map_err(|e| enc(&e))?;
            }
            Encoder::Apng(p) => {
                // Captures are opaque; a stray alpha would make the frame see-through.
                let opaque: Vec<u8> = rgba
                    .chunks_exact(4)
                    .flat_map(|p| [p[0], p[1], p[2], 255])
                    .collect();
                p.write_image_data(&opaque).map_err(|e| enc(&e))?;
            }
            Encoder::Pending(_) => {}
        }
        Ok(encoder)
    }

    /// Frames written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Ends the file and puts it in place (or hands back the bytes made in memory).
    pub fn finish(mut self) -> Result<Written, MediaError> {
        let expected = self.plan.frames();
        let encoder = self
            .encoder
            .take()
            .ok_or(MediaError::Plan("already finished".into()))?;
        if self.written == 0 {
            return Err(MediaError::Plan("no frame was recorded".into()));
        }
        let enc = |e: &dyn std::fmt::Display| MediaError::Encode(e.to_string());
        let sink = match encoder {
            Encoder::Gif { enc: g, .. } => Some(g.into_inner().map_err(|e| enc(&e))?),
            Encoder::Apng(p) if self.written == expected => {
                p.finish().map_err(|e| enc(&e))?;
                None
            }
            Encoder::Apng(_) => {
                return Err(MediaError::Plan(format!(
                    "{} of {expected} frames recorded",
                    self.written
                )));
            }
            Encoder::Pending(sink) => Some(sink),
        };
        if let Some(mut sink) = sink {
            sink.flush().map_err(|e| MediaError::io(&self.path, e))?;
        }
        if let Some(memory) = self.memory.take() {
            let bytes = memory.lock().map(|mut b| std::mem::take(&mut *b));
            return bytes
                .map(Written::Bytes)
                .map_err(|_| MediaError::Plan("the animation's memory was lost".into()));
        }
        let tmp = self.tmp.take().ok_or(MediaError::Plan("no file".into()))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| MediaError::io(&self.path, e))?;
        Ok(Written::File(self.path.clone()))
    }
}

impl Drop for AnimationWriter {
    /// Unfinished (cancelled, failed): the temporary file goes, the target is untouched.
    fn drop(&mut self) {
        if self.encoder.is_some() {
            self.encoder = None;
            if let Some(tmp) = &self.tmp {
                let _ = std::fs::remove_file(tmp);
            }
        }
    }
}

/// `.name.<pid>.tmp` beside `path`.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or("animation".into(), |n| n.to_string_lossy());
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    dir.unwrap_or(Path::new("."))
        .join(format!(".{name}.{}.tmp", std::process::id()))
}

/// The GIF's palette from its first frame (a sample of its pixels), and its header.
fn start_gif(file: Sink, w: u32, h: u32, first: &[u8]) -> Result<Encoder, MediaError> {
    let nq = color_quant::NeuQuant::new(10, 256, first);
    let enc = |e: &dyn std::fmt::Display| MediaError::Encode(e.to_string());
    let mut g =
        gif::Encoder::new(file, w as u16, h as u16, &nq.color_map_rgb()).map_err(|e| enc(&e))?;
    g.set_repeat(gif::Repeat::Infinite).map_err(|e| enc(&e))?;
    let palette = Palette {
        nq,
        seen: FxHashMap::default(),
    };
    Ok(Encoder::Gif { enc: g, palette })
}

/// An APNG header for `plan.frames()` frames, looping.
fn apng(
    file: Sink,
    w: u32,
    h: u32,
    plan: &FramePlan,
) -> Result<png::Writer<Sink>, png::EncodingError> {
    let mut e = png::Encoder::new(file, w, h);
    e.set_color(png::ColorType::Rgba);
    e.set_depth(png::BitDepth::Eight);
    e.set_compression(png::Compression::Fast);
    e.set_animated(plan.frames() as u32, 0)?;
    e.set_frame_delay(plan.delay_cs(), 100)?;
    e.write_header()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(w: u32, h: u32, shade: u8) -> Vec<u8> {
        (0..w * h)
            .flat_map(|i| [shade, (i % 251) as u8, 90, 255])
            .collect()
    }

    #[test]
    fn a_gif_is_written_whole_and_reads_back() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.gif");
        let plan = FramePlan::new(0.0, 2.0, 4.0, 2.0).expect("plan");
        let mut w = AnimationWriter::create(&path, 16, 8, plan).expect("create");
        for k in 0..plan.frames() {
            w.add(&frame(16, 8, (k * 40) as u8)).expect("frame");
        }
        assert!(!path.exists(), "nothing in place before the end");
        w.finish().expect("finish");
        let mut d = gif::DecodeOptions::new();
        d.set_color_output(gif::ColorOutput::RGBA);
        let mut r = d.read_info(File::open(&path).expect("open")).expect("gif");
        let mut n = 0;
        while r.read_next_frame().expect("frame").is_some() {
            n += 1;
        }
        assert_eq!(n, plan.frames());
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("ls").count(),
            1,
            "no temp file left"
        );
    }

    /// The browser's way: the same animation made in memory, every frame there, no file.
    #[test]
    fn an_animation_in_memory_gives_its_bytes() {
        let plan = FramePlan::new(0.0, 2.0, 4.0, 2.0).expect("plan");
        for name in ["a.gif", "a.png"] {
            let mut w = AnimationWriter::in_memory(name, 16, 8, plan).expect("start");
            for k in 0..plan.frames() {
                w.add(&frame(16, 8, (k * 40) as u8)).expect("frame");
            }
            let Written::Bytes(bytes) = w.finish().expect("finish") else {
                panic!("{name}: written to a file");
            };
            if name.ends_with(".gif") {
                let mut d = gif::DecodeOptions::new();
                d.set_color_output(gif::ColorOutput::RGBA);
                let mut r = d.read_info(bytes.as_slice()).expect("gif");
                let mut n = 0;
                while r.read_next_frame().expect("frame").is_some() {
                    n += 1;
                }
                assert_eq!(n, plan.frames());
            } else {
                let r = png::Decoder::new(std::io::Cursor::new(bytes))
                    .read_info()
                    .expect("png");
                let frames = r.info().animation_control().map(|a| a.num_frames);
                assert_eq!(frames, Some(plan.frames() as u32));
            }
        }
        assert!(AnimationWriter::in_memory("a.mp4", 16, 8, plan).is_err());
    }

    #[test]
    fn an_apng_has_every_frame() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.png");
        let plan = FramePlan::new(0.0, 1.0, 3.0, 1.0).expect("plan");
        let mut w = AnimationWriter::create(&path, 8, 8, plan).expect("create");
        for k in 0..plan.frames() {
            w.add(&frame(8, 8, k as u8)).expect("frame");
        }
        w.finish().expect("finish");
        let decoder = png::Decoder::new(std::io::BufReader::new(File::open(&path).expect("open")));
        let reader = decoder.read_info().expect("png");
        let info = reader.info().animation_control().expect("animated");
        assert_eq!(info.num_frames as usize, plan.frames());
    }

    #[test]
    fn cancelling_leaves_nothing_and_bad_input_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.gif");
        std::fs::write(&path, b"the teacher's earlier file").expect("write");
        let plan = FramePlan::new(0.0, 2.0, 4.0, 2.0).expect("plan");
        let mut w = AnimationWriter::create(&path, 16, 8, plan).expect("create");
        w.add(&frame(16, 8, 1)).expect("frame");
        assert!(w.add(&frame(8, 8, 1)).is_err(), "a frame of another size");
        drop(w); // cancelled
        assert_eq!(
            std::fs::read(&path).expect("read"),
            b"the teacher's earlier file"
        );
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
        let nowhere = dir.path().join("missing-dir").join("a.gif");
        assert!(matches!(
            AnimationWriter::create(&nowhere, 16, 8, plan),
            Err(MediaError::Io { .. })
        ));
        assert!(matches!(
            AnimationWriter::create(&dir.path().join("a.mp4"), 16, 8, plan),
            Err(MediaError::Format(_))
        ));
    }
}
