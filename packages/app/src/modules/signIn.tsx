import { useState } from 'react';
import {
  Content,
  ErrorPanel,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  createFrontendModule,
  IdentityApi,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';
import { Box, Button, Grid, Typography } from '@material-ui/core';

/**
 * The demo's people, each a proxy auth provider of packages/backend that needs no credentials
 * (refused outside development). A production app configures its identity provider here.
 */
const personas = [
  {
    provider: 'guest',
    title: 'Guest (service owner)',
    action: 'Enter as guest',
    description:
      'Member of the checkout, payments and inventory teams: manages their recovery plans, runs and controls their drills. May not start a real recovery.',
  },
  {
    provider: 'sre-on-call',
    title: 'SRE on call (recovery group)',
    action: 'Enter as SRE on call',
    description:
      'Member of platform-sre, the recovery group: starts and controls real recoveries of every service. Owns no service, so runs no drills.',
  },
];

/** Where the chosen persona is kept, so that a reload signs in again as the same person. */
const PERSONA_KEY = 'drs-demo:sign-in-provider';

/** The identity, but signing out also forgets the persona: the next page load asks again. */
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(PERSONA_KEY);
      await identity.signOut();
    },
  };
}

/** A refused sign-in (e.g. outside development), with the way back to the choice. */
function SignInFailed({
  title,
  provider,
  error,
  onChooseAgain,
}: {
  title: string;
  provider: string;
  error?: Error;
  onChooseAgain: () => void;
}) {
  return (
    <Page themeId="home">
      <Header title={title} />
      <Content>
        {error && (
          <ErrorPanel
            title={`Could not sign in with ${provider}`}
            error={error}
          />
        )}
        <Box mt={2}>
          <Button variant="outlined" onClick={onChooseAgain}>
            Choose another sign-in
          </Button>
        </Box>
      </Content>
    </Page>
  );
}

function DemoSignInPage({ onSignInSuccess }: SignInPageProps) {
  const title = useApi(configApiRef).getString('app.title');
  const [provider, setProvider] = useState(() =>
    localStorage.getItem(PERSONA_KEY),
  );

  if (provider) {
    return (
      <ProxiedSignInPage
        provider={provider}
        onSignInSuccess={identity => {
          localStorage.setItem(PERSONA_KEY, provider);
          onSignInSuccess(forgettingOnSignOut(identity));
        }}
        ErrorComponent={({ error }) => (
          <SignInFailed
            title={title}
            provider={provider}
            error={error}
            onChooseAgain={() => {
              localStorage.removeItem(PERSONA_KEY);
              setProvider(null);
            }}
          />
        )}
      />
    );
  }
  return (
    <Page themeId="home">
      <Header title={title} subtitle="Demo sign-in: choose who you are" />
      <Content>
        <Grid container spacing={3}>
          {personas.map(persona => (
            <Grid item xs={12} md={6} key={persona.provider}>
              <InfoCard
                title={persona.title}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() => setProvider(persona.provider)}
                  >
                    {persona.action}
                  </Button>
                }
              >
                <Typography variant="body1">{persona.description}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}

const demoSignInPage = SignInPageBlueprint.make({
  params: { loader: async () => DemoSignInPage },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [demoSignInPage],
});
