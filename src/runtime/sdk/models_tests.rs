//! The SDK's names, as smithy's codegen derives them from AWS's models.

use super::models::{self, by_package};
use super::SIMULATED;

#[test]
fn well_known_packages_have_the_sdks_client_class_names() {
    let cases = [
        ("@aws-sdk/client-sqs", "SQS"),
        ("@aws-sdk/client-lambda", "Lambda"),
        ("@aws-sdk/client-dynamodb", "DynamoDB"),
        ("@aws-sdk/client-dynamodb-streams", "DynamoDBStreams"),
        ("@aws-sdk/client-eventbridge", "EventBridge"),
        ("@aws-sdk/client-sfn", "SFN"),
        ("@aws-sdk/client-cloudwatch-logs", "CloudWatchLogs"),
        ("@aws-sdk/client-cloudwatch", "CloudWatch"),
        ("@aws-sdk/client-s3", "S3"),
        ("@aws-sdk/client-sns", "SNS"),
        ("@aws-sdk/client-kinesis", "Kinesis"),
        ("@aws-sdk/client-firehose", "Firehose"),
        ("@aws-sdk/client-api-gateway", "APIGateway"),
        (
            "@aws-sdk/client-apigatewaymanagementapi",
            "ApiGatewayManagementApi",
        ),
        ("@aws-sdk/client-route-53", "Route53"),
        (
            "@aws-sdk/client-elastic-load-balancing-v2",
            "ElasticLoadBalancingV2",
        ),
        (
            "@aws-sdk/client-cognito-identity-provider",
            "CognitoIdentityProvider",
        ),
        ("@aws-sdk/client-secrets-manager", "SecretsManager"),
        ("@aws-sdk/client-ssm", "SSM"),
        ("@aws-sdk/client-acm-pca", "ACMPCA"),
        (
            "@aws-sdk/client-codestar-notifications",
            "CodestarNotifications",
        ),
        ("@aws-sdk/client-billingconductor", "Billingconductor"),
        ("@aws-sdk/client-sagemaker-runtime", "SageMakerRuntime"),
        ("@aws-sdk/client-pinpoint-sms-voice", "PinpointSMSVoice"),
    ];
    for (package, name) in cases {
        let s = by_package(package).unwrap_or_else(|| panic!("{package} is not in the models"));
        assert_eq!(s.name(), name, "{package}");
        assert_eq!(s.package(), package);
    }
}

#[test]
fn every_service_of_the_models_has_a_package_and_commands() {
    let all: Vec<_> = models::all().collect();
    assert!(all.len() > 400, "{}", all.len());
    let operations: usize = all.iter().map(|s| s.operations().len()).sum();
    assert!(operations > 15_000, "{operations}");
    for s in &all {
        assert_eq!(by_package(&s.package()).map(|f| f.sdk_id), Some(s.sdk_id));
        assert!(!s.operations().is_empty(), "{}", s.sdk_id);
    }
}

#[test]
fn front_coded_names_decode_to_the_models_operation_names() {
    let sqs = by_package("@aws-sdk/client-sqs").unwrap();
    let names: Vec<String> = sqs.operations().into_iter().map(|o| o.name).collect();
    assert_eq!(
        names,
        [
            "AddPermission",
            "CancelMessageMoveTask",
            "ChangeMessageVisibility",
            "ChangeMessageVisibilityBatch",
            "CreateQueue",
            "DeleteMessage",
            "DeleteMessageBatch",
            "DeleteQueue",
            "GetQueueAttributes",
            "GetQueueUrl",
            "ListDeadLetterSourceQueues",
            "ListMessageMoveTasks",
            "ListQueueTags",
            "ListQueues",
            "PurgeQueue",
            "ReceiveMessage",
            "RemovePermission",
            "SendMessage",
            "SendMessageBatch",
            "SetQueueAttributes",
            "StartMessageMoveTask",
            "TagQueue",
            "UntagQueue",
        ]
    );
    assert!(sqs.query_compatible);
    let errors = sqs.errors();
    assert!(errors.contains(&("QueueDoesNotExist".to_string(), false)));
}

#[test]
fn rest_operations_carry_their_success_status_and_server_faults() {
    let lambda = by_package("@aws-sdk/client-lambda").unwrap();
    let ops = lambda.operations();
    let status = |name: &str| ops.iter().find(|o| o.name == name).map(|o| o.status);
    assert_eq!(status("CreateFunction"), Some(201));
    assert_eq!(status("Invoke"), Some(200));
    assert_eq!(status("DeleteAlias"), Some(204));
    let errors = lambda.errors();
    assert!(errors.contains(&("ServiceException".to_string(), true)));
    assert!(errors.contains(&("ResourceNotFoundException".to_string(), false)));
}

#[test]
fn paginators_and_waiters_come_from_the_models() {
    let sqs = by_package("@aws-sdk/client-sqs").unwrap();
    let list = sqs
        .paginators()
        .into_iter()
        .find(|p| p.operation == "ListQueues")
        .unwrap();
    assert_eq!(
        (list.input_token.as_str(), list.output_token.as_str()),
        ("NextToken", "NextToken")
    );
    assert_eq!(list.limit_key.as_deref(), Some("MaxResults"));
    let dynamodb = by_package("@aws-sdk/client-dynamodb").unwrap();
    let query = dynamodb
        .paginators()
        .into_iter()
        .find(|p| p.operation == "Query")
        .unwrap();
    assert_eq!(query.input_token, "ExclusiveStartKey");
    assert_eq!(query.output_token, "LastEvaluatedKey");
    assert_eq!(query.limit_key.as_deref(), Some("Limit"));
    assert!(dynamodb
        .waiters()
        .contains(&("TableExists".to_string(), "DescribeTable".to_string())));
}

#[test]
fn simulated_services_name_services_of_the_models_and_their_waiters_exist() {
    for (sdk_id, world) in SIMULATED {
        let s = models::all().find(|s| s.sdk_id == *sdk_id);
        let s = s.unwrap_or_else(|| panic!("{sdk_id} is not a serviceId of the models"));
        for (name, _) in s.waiters() {
            assert!(
                crate::api::waiters::find(&format!("{world}:{name}")).is_some(),
                "{world}:{name} has no acceptors in api::waiters (scripts/gen_waiters.py)"
            );
        }
    }
}
