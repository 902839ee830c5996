//! The one Alibaba error type.
//!
//! Every error the mock answers on the API port is an [`ApiError`]. Each variant knows its
//! Alibaba `Code`, its HTTP status and its `Message`, copied from `../shared/reference/`
//! (the section is cited beside each variant), misspellings included. The envelope
//! (`protocol::envelope`) is the only place that turns one into bytes.
//!
//! Where a reference marks a status or message as unconfirmed, the choice made here is
//! commented, so it can be changed in this one file.
//!
//! Scenario and fixture files have their own error type (`scenario::ScenarioError`), with
//! file, line and column; those are never Alibaba errors.

use std::borrow::Cow;
use std::fmt;

/// An error answered to an API client in Alibaba's error envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    // ---- gateway: routing (wire-protocol.md §8, ecs-image-api.md §6) ----
    /// Unknown action, unknown version, wrong path or method. 404.
    InvalidActionNotFound,
    /// A mandatory parameter is absent. 400.
    MissingParameter(String),
    /// A parameter has a value the API does not accept. 400. The reference gives the message
    /// as a template (`%s`, ecs-image-api.md §6); the old ECS wording
    /// `The specified parameter "<Name>" is not valid.` is used with the parameter's name.
    InvalidParameter(String),

    // ---- gateway: authentication (wire-protocol.md §8, §7.3, §9) ----
    /// The AccessKeyId names no key. 404.
    InvalidAccessKeyIdNotFound,
    /// The signature does not verify. 400, and the message ends in the server's string to
    /// sign after a colon, because the legacy Python SDK splits the message on `:`.
    SignatureDoesNotMatch {
        string_to_sign: String,
    },
    /// The signature is missing or malformed (bad Authorization header, missing SignedHeaders). 400.
    IncompleteSignature,
    /// The timestamp is more than 15 minutes from the wall clock. 400.
    InvalidTimeStampExpired,
    /// The timestamp is not `YYYY-MM-DDTHH:MM:SSZ`. 400 ("likely; status not confirmed").
    InvalidTimeStampFormat,
    /// RPC request without a Timestamp (older gateways' code for it). 400.
    IllegalTimestamp,
    /// The SignatureNonce was used within the last 15 minutes. 400.
    SignatureNonceUsed,
    /// `SignatureMethod` other than HMAC-SHA1 on an RPC request. The code is in the gateway's
    /// common list (wire-protocol.md §8) without a message; the message here is inferred.
    InvalidSignatureMethod,
    /// The form body's Content-MD5 header does not match the body. Code from the common list
    /// (wire-protocol.md §2.3, §8); message inferred.
    ContentMd5NotMatched,
    /// STS: token for another key pair. Codes from the gateway's common list (wire-protocol.md
    /// §8, §9); statuses "400/403 (not confirmed)": 400 chosen; messages inferred.
    InvalidSecurityTokenMismatchWithAccessKey,
    /// STS: token past its expiry (on the mock clock).
    InvalidSecurityTokenExpired,
    /// STS: a token the scenario does not list.
    InvalidSecurityTokenMalformed,
    /// STS: a temporary AccessKeyId used without its token.
    MissingSecurityToken,

    // ---- common (ecs-image-api.md §6) ----
    /// RegionId names a region the world does not have. 404.
    InvalidRegionIdNotFound,

    // ---- ECS DescribeRegions (ecs-image-api.md §4.10) ----
    InvalidAcceptLanguageNotFound,
    InvalidResourceTypeNotFound,
    InvalidInstanceChargeType,

    // ---- mock-specific (no Alibaba source: the gateway's behaviour is unknown) ----
    /// Request body over the server's limit. 413.
    RequestEntityTooLarge {
        limit: usize,
    },

    /// Any other code: injected faults, stubs and rare codes.
    Custom {
        code: String,
        message: String,
        status: u16,
    },
}

impl ApiError {
    /// The Alibaba error code.
    pub fn code(&self) -> &str {
        use ApiError::*;
        match self {
            InvalidActionNotFound => "InvalidAction.NotFound",
            MissingParameter(_) => "MissingParameter",
            InvalidParameter(_) => "InvalidParameter",
            InvalidAccessKeyIdNotFound => "InvalidAccessKeyId.NotFound",
            SignatureDoesNotMatch { .. } => "SignatureDoesNotMatch",
            IncompleteSignature => "IncompleteSignature",
            InvalidTimeStampExpired => "InvalidTimeStamp.Expired",
            InvalidTimeStampFormat => "InvalidTimeStamp.Format",
            IllegalTimestamp => "IllegalTimestamp",
            SignatureNonceUsed => "SignatureNonceUsed",
            InvalidSignatureMethod => "InvalidSignatureMethod",
            ContentMd5NotMatched => "ContentMD5NotMatched",
            InvalidSecurityTokenMismatchWithAccessKey => {
                "InvalidSecurityToken.MismatchWithAccessKey"
            }
            InvalidSecurityTokenExpired => "InvalidSecurityToken.Expired",
            InvalidSecurityTokenMalformed => "InvalidSecurityToken.Malformed",
            MissingSecurityToken => "MissingSecurityToken",
            InvalidRegionIdNotFound => "InvalidRegionId.NotFound",
            InvalidAcceptLanguageNotFound => "InvalidAcceptLanguage.NotFound",
            InvalidResourceTypeNotFound => "InvalidResourceType.NotFound",
            InvalidInstanceChargeType => "Invalid.InstanceChargeType",
            RequestEntityTooLarge { .. } => "RequestEntityTooLarge",
            Custom { code, .. } => code,
        }
    }

    /// The HTTP status the real service answers with.
    pub fn status(&self) -> u16 {
        use ApiError::*;
        match self {
            InvalidActionNotFound | InvalidAccessKeyIdNotFound | InvalidRegionIdNotFound => 404,
            InvalidAcceptLanguageNotFound | InvalidResourceTypeNotFound => 404,
            InvalidInstanceChargeType => 403,
            RequestEntityTooLarge { .. } => 413,
            Custom { status, .. } => *status,
            _ => 400,
        }
    }

    /// The message, exactly as the real service words it.
    pub fn message(&self) -> Cow<'_, str> {
        use ApiError::*;
        Cow::Borrowed(match self {
            InvalidActionNotFound => "Specified api is not found, please check your url and method.",
            MissingParameter(name) => {
                return Cow::Owned(format!(
                    "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
                ))
            }
            InvalidParameter(name) => {
                return Cow::Owned(format!("The specified parameter \"{name}\" is not valid."))
            }
            InvalidAccessKeyIdNotFound => "Specified access key is not found.",
            SignatureDoesNotMatch { string_to_sign } => {
                return Cow::Owned(format!(
                    "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
                ))
            }
            IncompleteSignature => "The request signature does not conform to Aliyun standards.",
            InvalidTimeStampExpired => "Specified time stamp or date value is expired.",
            InvalidTimeStampFormat => "Specified time stamp or date value is not well formatted.",
            IllegalTimestamp => "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.",
            SignatureNonceUsed => "Specified signature nonce was used already.",
            InvalidSignatureMethod => "Specified signature method is not supported.",
            ContentMd5NotMatched => "Specified content md5 is not matched with your request body.",
            InvalidSecurityTokenMismatchWithAccessKey => "Specified SecurityToken mismatch with the AccessKey.",
            InvalidSecurityTokenExpired => "Specified SecurityToken is expired.",
            InvalidSecurityTokenMalformed => "Specified SecurityToken is malformed.",
            MissingSecurityToken => "SecurityToken is mandatory for this request.",
            InvalidRegionIdNotFound => "The specified RegionId does not exist.",
            InvalidAcceptLanguageNotFound => {
                "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed."
            }
            InvalidResourceTypeNotFound => "The ResourceType provided does not exist in our records.",
            InvalidInstanceChargeType => "The specified instanceChargeType is not valid.",
            RequestEntityTooLarge { limit } => {
                return Cow::Owned(format!(
                    "The request body is larger than this mock's limit of {limit} bytes."
                ))
            }
            Custom { message, .. } => message,
        })
    }

    /// An error with any code, message and status (faults, stubs, rare codes).
    pub fn custom(code: impl Into<String>, message: impl Into<String>, status: u16) -> Self {
        ApiError::Custom {
            code: code.into(),
            message: message.into(),
            status,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code(), self.status(), self.message())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_mismatch_message_has_the_string_to_sign_after_a_colon() {
        let e = ApiError::SignatureDoesNotMatch {
            string_to_sign: "GET&%2F&A%3DB".into(),
        };
        assert_eq!(e.status(), 400);
        // The legacy Python SDK does Message.split(':')[1] and compares it with its own string.
        assert_eq!(e.message().split(':').nth(1), Some("GET&%2F&A%3DB"));
    }

    #[test]
    fn statuses_follow_the_reference() {
        assert_eq!(ApiError::InvalidActionNotFound.status(), 404);
        assert_eq!(ApiError::InvalidAccessKeyIdNotFound.status(), 404);
        assert_eq!(ApiError::MissingParameter("RegionId".into()).status(), 400);
        assert_eq!(ApiError::InvalidTimeStampExpired.status(), 400);
        assert_eq!(ApiError::SignatureNonceUsed.status(), 400);
        assert_eq!(
            ApiError::MissingParameter("RegionId".into()).message(),
            "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied."
        );
    }
}
