//! The client's real address, for rate limits, the login throttle and the log: the socket's
//! peer, or what a trusted reverse proxy says (see [`crate::domain::proxies`]). Never
//! `X-Real-IP` or any header from a peer that is not a trusted proxy: anyone can write those.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr};

use rocket::Request;
use rocket::request::{FromRequest, Outcome};

use crate::app::AppState;

/// The address of the client that sent the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The client's address, worked out once per request.
pub fn of(request: &Request<'_>) -> ClientAddress {
    *request.local_cache(|| {
        // Only a request made without a socket (Rocket's local client) has no peer.
        let peer = request.remote().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |socket| socket.ip());
        let Some(state) = request.rocket().state::<AppState>() else {
            return ClientAddress(peer.to_canonical());
        };
        let headers = request.headers();
        let forwarded_for: Vec<&str> = headers.get("X-Forwarded-For").collect();
        let forwarded: Vec<&str> = headers.get("Forwarded").collect();
        ClientAddress(state.proxies.client(peer, &forwarded_for, &forwarded))
    })
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientAddress {
    type Error = Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(of(request))
    }
}
