// The Microsoft 365 Agents Toolkit's entry to the same Azure resources (m365agents.yml, arm/deploy):
// main.bicep as a module, plus what `teams app create --azure` makes in the manual route (the Azure Bot
// with its Teams channel), and outputs named as the toolkit's environment variables. The toolkit writes
// each output to env/.env.<name> in upper case: AZURE_APP_SERVICE_RESOURCE_ID (azureAppService/zipDeploy),
// BOT_DOMAIN (the Teams and Entra manifests) and BOT_ENDPOINT.
//
// The toolkit refuses an empty ${{...}} in agents-toolkit.parameters.json, so an empty list or an unused
// catalogue id is written `none` in the env file and turned into '' here. Steps: docs/deploy.md.

@description('Base name for every resource, e.g. tertial-ange (TERTIAL_NAME)')
param name string

param location string = resourceGroup().location

@description('Client id of the Entra app that aadApp/create makes (BOT_ID)')
param botAppId string

@secure()
@description('Its client secret (SECRET_BOT_PASSWORD); stored in Key Vault only')
param botAppPassword string

@secure()
@description('Key that signs report links (SECRET_REPORT_LINK_KEY), generated once by the admin and the same at every provision')
param reportLinkKey string

@description('Comma-separated aadObjectIds of Tertial admins, or none (TERTIAL_ADMINS)')
param admins string

@description('Comma-separated aadObjectIds of ledningsgrupp members, or none (TERTIAL_LEDNINGSGRUPP)')
param ledningsgrupp string

@description('Catalogue id of Tertial in the organisation\'s Teams app catalogue, or none: proactive install off (TEAMS_CATALOG_APP_ID)')
param teamsCatalogAppId string

@description('App Service plan SKU (TERTIAL_PLAN_SKU)')
param planSku string = 'B1'

@description('Instances of the app, as text because the toolkit writes every value as text (TERTIAL_INSTANCES)')
param instances string = '2'

module tertial './main.bicep' = {
  name: 'tertial-main'
  params: {
    name: name
    location: location
    botAppId: botAppId
    botAppPassword: botAppPassword
    reportLinkKey: reportLinkKey
    admins: toLower(trim(admins)) == 'none' ? '' : trim(admins)
    ledningsgrupp: toLower(trim(ledningsgrupp)) == 'none' ? '' : trim(ledningsgrupp)
    teamsCatalogAppId: toLower(trim(teamsCatalogAppId)) == 'none' ? '' : trim(teamsCatalogAppId)
    planSku: planSku
    instances: int(instances)
  }
}

// The bot registration: single-tenant, the same Entra app, the web app's messaging endpoint
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'Tertial'
    endpoint: tertial.outputs.botEndpoint
    msaAppId: botAppId
    msaAppTenantId: subscription().tenantId
    msaAppType: 'SingleTenant'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel' }
}

output AZURE_APP_SERVICE_RESOURCE_ID string = resourceId('Microsoft.Web/sites', '${name}-app')
output BOT_DOMAIN string = tertial.outputs.appHostName
output BOT_ENDPOINT string = tertial.outputs.botEndpoint
