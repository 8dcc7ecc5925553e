//! The chart of money raised over time, drawn on the server as inline SVG: no script, no
//! outside service. Cumulative by hour, or by day when the campaign spans more than a week,
//! with the goal line and a projection to the deadline from the recent pace.

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
    /// Labels in the reader's language.
    pub goal_label: &'a str,
    pub projection_label: &'a str,
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

/// The total expected at the deadline if the pace of the last week (or of the whole
/// campaign, if younger) goes on; none before a day of pledges, when a pace means nothing.
pub fn projection(hours: &[(i64, i64)], now_ms: i64, deadline_ms: i64) -> Option<i64> {
    let first = hours.first()?.0;
    if now_ms >= deadline_ms || now_ms - first < DAY_MS {
        return None;
    }
    let window = (now_ms - first).min(7 * DAY_MS);
    let recent: i64 = hours.iter().filter(|(hour, _)| *hour >= now_ms - window).map(|(_, cents)| cents).sum();
    let total: i64 = hours.iter().map(|(_, cents)| cents).sum();
    let pace = recent as f64 / window as f64;
    Some(total + (pace * (deadline_ms - now_ms) as f64) as i64)
}

/// The chart as an SVG element.
pub fn svg(input: &ChartInput) -> String {
    let start = input.hours.first().map_or(input.now_ms, |(hour, _)| *hour).min(input.now_ms);
    let end = input.deadline_ms.max(input.now_ms).max(start + HOUR_MS);
    let bucket = if end - start > 7 * DAY_MS { DAY_MS } else { HOUR_MS };
    let points = series(input.hours, bucket, input.now_ms);
    let current = points.last().map_or(0, |p| p.1);
    let projected = projection(input.hours, input.now_ms, input.deadline_ms);
    // The goal stays in view; a projection far above it runs off the top.
    let top = (input.goal_cents.max(current).max(1) as f64) * 1.25;
    let x = |ms: i64| PAD + (ms - start) as f64 / (end - start) as f64 * (WIDTH - 2.0 * PAD);
    let y = |cents: i64| HEIGHT - PAD - (cents as f64).min(top) / top * (HEIGHT - 2.0 * PAD);

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" xmlns="http://www.w3.org/2000/svg">"#
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
    fn the_projection_follows_the_recent_pace() {
        // 1000 cents a day over the last ten days; five days left.
        let hours: Vec<(i64, i64)> = (0..10).map(|d| (d * DAY_MS, 1000)).collect();
        assert_eq!(projection(&hours, 10 * DAY_MS, 15 * DAY_MS), Some(10_000 + 5_000));
        assert_eq!(projection(&hours, 16 * DAY_MS, 15 * DAY_MS), None, "past the deadline");
        assert_eq!(projection(&[], 0, DAY_MS), None);
        assert_eq!(projection(&[(0, 5_000)], HOUR_MS, 30 * DAY_MS), None, "an hour is no pace");
    }

    #[test]
    fn the_svg_has_the_goal_the_line_and_the_projection_and_escapes_labels() {
        let hours = [(0, 5_000), (DAY_MS, 5_000)];
        let input = ChartInput {
            hours: &hours,
            goal_cents: 100_000,
            deadline_ms: 10 * DAY_MS,
            now_ms: 2 * DAY_MS,
            goal_label: "Goal <CHF>",
            projection_label: "Projection",
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
