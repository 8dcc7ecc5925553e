//! The chart of money raised over time, drawn on the server as inline SVG: no script, no
//! outside service. Cumulative by hour, or by day when the campaign spans more than a week,
//! with the goal line and the projection to the deadline (computed by
//! [`crate::services::dashboard::projection`]).

use rocket_dyn_templates::handlebars::html_escape;
use std::fmt::Write;

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const PAD: f64 = 28.0;

/// What the chart is drawn from: the hourly totals (hour start, cents), oldest first.
pub struct ChartInput<'a> {
    pub hours: &'a [(i64, i64)],
    pub goal_cents: i64,
    pub deadline_ms: i64,
    pub now_ms: i64,
    /// The total expected at the deadline, if a pace can be told.
    pub projected_cents: Option<i64>,
    /// Labels in the reader's language.
    pub goal_label: &'a str,
    pub projection_label: &'a str,
    /// What the chart shows, in words, for those who cannot see it.
    pub description: &'a str,
}

/// The cumulative series: one point per bucket (its end, the total so far), from the first
/// hour with pledges to now.
fn series(hours: &[(i64, i64)], bucket: i64, now_ms: i64) -> Vec<(i64, i64)> {
    let mut points: Vec<(i64, i64)> = Vec::new();
    let mut total = 0;
    for &(hour, cents) in hours {
        total += cents;
        let end = ((hour.div_euclid(bucket) + 1) * bucket).min(now_ms.max(hour));
        match points.last_mut() {
            Some(last) if last.0 == end => last.1 = total,
            _ => points.push((end, total)),
        }
    }
    points
}

/// The chart as an SVG element.
pub fn svg(input: &ChartInput) -> String {
    let start = input.hours.first().map_or(input.now_ms, |(hour, _)| *hour).min(input.now_ms);
    let end = input.deadline_ms.max(input.now_ms).max(start + HOUR_MS);
    let bucket = if end - start > 7 * DAY_MS { DAY_MS } else { HOUR_MS };
    let points = series(input.hours, bucket, input.now_ms);
    let current = points.last().map_or(0, |p| p.1);
    let projected = input.projected_cents;
    // The goal stays in view; a projection far above it runs off the top.
    let top = (input.goal_cents.max(current).max(1) as f64) * 1.25;
    let x = |ms: i64| PAD + (ms - start) as f64 / (end - start) as f64 * (WIDTH - 2.0 * PAD);
    let y = |cents: i64| HEIGHT - PAD - (cents as f64).min(top) / top * (HEIGHT - 2.0 * PAD);

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{d}" xmlns="http://www.w3.org/2000/svg"><title>{d}</title>"#,
        d = html_escape(input.description)
    );
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{PAD}" y1="{b}" x2="{r}" y2="{b}"/><line class="axis" x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{b}"/>"#,
        b = HEIGHT - PAD,
        r = WIDTH - PAD
    );
    let goal_y = y(input.goal_cents);
    let _ = write!(
        svg,
        r#"<line class="goal" x1="{PAD}" y1="{goal_y:.1}" x2="{r}" y2="{goal_y:.1}"/><text class="label" x="{r}" y="{ty:.1}" text-anchor="end">{label}</text>"#,
        r = WIDTH - PAD,
        ty = goal_y - 4.0,
        label = html_escape(input.goal_label)
    );
    let mut line = format!("{:.1},{:.1}", x(start), y(0));
    for (at, cents) in &points {
        let _ = write!(line, " {:.1},{:.1}", x(*at), y(*cents));
    }
    let _ = write!(svg, r#"<polyline class="raised" points="{line}"/>"#);
    if let Some(projected) = projected {
        let _ = write!(
            svg,
            r#"<line class="projection" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/><text class="label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            x(input.now_ms),
            y(current),
            x(input.deadline_ms),
            y(projected),
            x(input.deadline_ms),
            (y(projected) + 14.0).min(HEIGHT - PAD - 4.0),
            html_escape(input.projection_label)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_series_is_cumulative_by_bucket() {
        let hours = [(0, 100), (HOUR_MS, 50), (2 * HOUR_MS, -20)];
        assert_eq!(series(&hours, HOUR_MS, 10 * HOUR_MS), vec![(HOUR_MS, 100), (2 * HOUR_MS, 150), (3 * HOUR_MS, 130)]);
        assert_eq!(series(&hours, DAY_MS, 10 * HOUR_MS), vec![(10 * HOUR_MS, 130)]);
    }

    #[test]
    fn the_svg_has_the_goal_the_line_and_the_projection_and_escapes_labels() {
        let hours = [(0, 5_000), (DAY_MS, 5_000)];
        let input = ChartInput {
            hours: &hours,
            goal_cents: 100_000,
            deadline_ms: 10 * DAY_MS,
            now_ms: 2 * DAY_MS,
            projected_cents: Some(50_000),
            goal_label: "Goal <CHF>",
            projection_label: "Projection",
            description: "Raised: CHF 100 of CHF 1,000",
        };
        let svg = svg(&input);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains(r#"class="goal""#)
                && svg.contains(r#"class="raised""#)
                && svg.contains(r#"class="projection""#)
        );
        assert!(svg.contains("Goal &lt;CHF&gt;"));
    }
}
