<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>OAS - Department of Public Security - Trafficking in Persons - Projects</title>
<link href="../css/dsp_estilos.css" rel="stylesheet" type="text/css">
<script type="text/javascript" src="../js/menu_desplegable.js"></script>
<script type="text/javascript">
<!--
function MM_openBrWindow(theURL,winName,features) { window.open(theURL,winName,features); }
//-->
</script>
</head>

<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td height="22" bgcolor="#003366" class="barraSuperior"><font face="Arial, Helvetica, sans-serif" size="1" color="#FFFFFF">
      <a href="http://www.oas.org/en/about/default.asp"><font color="#FFFFFF">About the OAS</font></a> |
      <a href="http://www.oas.org/en/member_states/default.asp"><font color="#FFFFFF">Member States</font></a> |
      <a href="http://www.oas.org/en/strategic_partners/default.asp"><font color="#FFFFFF">Strategic Partners</font></a> |
      <a href="http://www.oas.org/en/about/our_structure.asp"><font color="#FFFFFF">Structure</font></a> |
      <a href="http://www.oas.org/en/documents/default.asp"><font color="#FFFFFF">Documents</font></a> |
      <a href="http://www.oas.org/en/media_center/default.asp"><font color="#FFFFFF">News</font></a>
    </font></td>
  </tr>
  <tr>
    <td height="90" background="../images/banner_dsp.jpg">
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr>
          <td width="70%"><img src="../images/logo_oea.gif" width="320" height="80" alt="Organization of American States - General Secretariat - Secretariat for Multidimensional Security - Department of Public Security"></td>
          <td width="30%" align="right" valign="top"><font face="Arial" size="1">
            <a href="http://www.oas.org/en/sms/default.asp">SMS</a> |
            <a href="../english/default.asp">DPS</a> |
            <a href="../espanol/cpo_trata_proyectos.asp">Español</a> |
            <a href="mailto:dsp@oas.org">Contact us</a></font></td>
        </tr>
      </table>
    </td>
  </tr>
  <tr>
    <td>
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr>
          <!-- menu izquierdo -->
          <td width="190" valign="top" bgcolor="#E8EEF4" class="menuIzq">
            <table width="100%" border="0" cellspacing="0" cellpadding="4">
              <tr><td><a href="default.asp"><b>About the Department</b></a></td></tr>
              <tr><td><a href="cpo_seccion_seguridad.asp">Section to Promote Security and Harmonious Coexistence</a></td></tr>
              <tr><td><a href="cpo_seccion_cooperacion.asp">Section to Coordinate Cooperation</a></td></tr>
              <tr><td><a href="cpo_mispa.asp">MISPA</a></td></tr>
              <tr><td><a href="cpo_observatorio.asp">Hemispheric Security Observatory</a></td></tr>
              <tr><td><a href="cpo_trata.asp"><b>Trafficking in Persons</b></a></td></tr>
              <tr><td>&nbsp;&nbsp;<a href="cpo_trata_introduccion.asp">Introduction</a></td></tr>
              <tr><td>&nbsp;&nbsp;<a href="cpo_trata_proyectos.asp">Projects</a></td></tr>
              <tr><td>&nbsp;&nbsp;<a href="cpo_trata_marco_legal.asp">Legal Framework</a></td></tr>
              <tr><td>&nbsp;&nbsp;<a href="cpo_trata_recursos.asp">Resources</a></td></tr>
              <tr><td>&nbsp;&nbsp;<a href="cpo_trata_galeria.asp">Photo Gallery</a></td></tr>
              <tr><td><a href="cpo_about.asp">About Us</a></td></tr>
              <tr><td><a href="cpo_contacto.asp">Contact Us</a></td></tr>
            </table>
          </td>
          <!-- contenido -->
          <td valign="top" style="padding: 10px 16px">
            <font face="Verdana" size="1"><a href="default.asp">Home</a> &gt; <a href="cpo_trata.asp">Trafficking in Persons</a> &gt; Projects</font>

            <h1><font face="Verdana" color="#003366">Trafficking in Persons</font></h1>
            <h2><font face="Verdana" color="#003366">Current Projects</font></h2>

            <h3><font face="Verdana">First Specialized OAS Capacity-building Workshop on Border Controls</font></h3>
            <p><font face="Verdana" size="2">The workshop was designed as a pilot. It brings together three units of the OAS Secretariat for Multidimensional Security (SMS) &#8212; the Secretariat of the Inter-American Committee against Terrorism (CICTE), the Executive Secretariat of the Inter-American Drug Abuse Control Commission (CICAD) and the Department of Public Security (DPS) &#8212; which pooled their instructors and partner networks to offer a five-day course on border controls to customs and migration officials.</font></p>
            <p><font face="Verdana" size="2">Its purpose is to help the customs and migration staff who work at the Dominican Republic’s airports and land crossings recognise and stop criminals who use those points of entry. Sessions cover drug smuggling, human trafficking and other illicit trade; tighter control of the people and goods that pass through each post; and closer coordination among the two services, the police and the prosecutors who take their cases to court.</font></p>
            <p><font face="Verdana" size="2">The instructors are practitioners from many branches of border work: screening of passengers and of their behaviour, inspection of baggage and cargo, trafficking in persons, and the detection of forged or altered travel and identity documents. Seating customs and migration officers in the same classroom is also meant to build working relationships between the two services, so that sharing information becomes a habit rather than an exception.</font></p>
            <p><font face="Verdana" size="2"><b>Venue and dates:</b> Santo Domingo, Dominican Republic - April 12-16, 2010</font></p>
            <p><font face="Verdana" size="1"><a href="javascript:MM_openBrWindow('fotos/frontera_01.jpg','foto','width=640,height=480')">See picture</a> &nbsp; <a href="javascript:MM_openBrWindow('fotos/frontera_02.jpg','foto','width=640,height=480')">See picture</a></font></p>

            <h3><font face="Verdana">Program to Strengthen Capacity of Law Enforcement Officials, Judges, and Prosecutors to Identify and Combat Trafficking in Persons, especially Women and Children - in the Caribbean and in Central America</font></h3>
            <p><font face="Verdana" size="2">With financial support from the Canadian International Development Agency (CIDA), the DPS is running a training program for police and immigration officers, prosecutors and judges from the English-speaking Caribbean Member States and from Central America. The aim is to make the people who enforce the law more alert to human trafficking and better equipped to act against it.</font></p>
            <p><font face="Verdana" size="2">Trafficking cases are hard to investigate. Officers and prosecutors have to tell trafficking apart from the smuggling of migrants, keep the rights of the people involved in view, use special investigative techniques, secure a crime scene, shield witnesses and victims from harm, interview victims without hurting them again and, together with local non-governmental organizations, see that they receive the support they need.</font></p>
            <p><font face="Verdana" size="2">To meet those needs the DPS has written a “train-the-trainers” curriculum in eight linked modules:</font></p>
            <ol>
              <li><font face="Verdana" size="2">Trafficking and Smuggling: Telling Them Apart</font></li>
              <li><font face="Verdana" size="2">Human Rights at the Centre of the Response</font></li>
              <li><font face="Verdana" size="2">Planning a Criminal Investigation</font></li>
              <li><font face="Verdana" size="2">Managing the Crime Scene and the Operation</font></li>
              <li><font face="Verdana" size="2">Identifying, Assisting and Protecting Victims</font></li>
              <li><font face="Verdana" size="2">Interviewing Trafficked Persons Ethically</font></li>
              <li><font face="Verdana" size="2">Trafficking in Children</font></li>
              <li><font face="Verdana" size="2">Entry and Exit Controls: Immigration Procedures</font></li>
            </ol>
            <p><font face="Verdana" size="2">Every trainer receives a manual; participants take home a pocket-size booklet; a training video and a set of awareness posters complete the package, so that national academies can keep teaching the course after the program ends. For the Central American sessions the materials are also printed in Spanish (“Programa de capacitación”, with “Módulo 7: Trata de niños, niñas y adolescentes”).</font></p>
            <p><font face="Verdana" size="2">The program has three goals: to raise awareness of trafficking among law enforcement; to strengthen police forces, prosecution services and courts in applying anti-trafficking laws; and to build networks through which the region’s agencies exchange information. The DPS intends to train no fewer than 50 police officers, prosecutors and judges in each participating Member State.</font></p>
            <h4><font face="Verdana">Training schedule</font></h4>
            <ul>
              <li><font face="Verdana" size="2">Belize, Belize City, March 22-23, 2010</font></li>
              <li><font face="Verdana" size="2">Grenada, St George's, April 08-09, 2010</font></li>
              <li><font face="Verdana" size="2">Suriname, Paramaribo, April 27-28, 2010</font></li>
              <li><font face="Verdana" size="2">Saint Lucia, Castries, May 13-14, 2010</font></li>
              <li><font face="Verdana" size="2">Saint Vincent and the Grenadines, Kingstown, May 18-19, 2010</font></li>
              <li><font face="Verdana" size="2">Costa Rica, San José, July 1-2, 2010</font></li>
              <li><font face="Verdana" size="2">Dominica, Roseau, July 13-14, 2010</font></li>
              <li><font face="Verdana" size="2">Panama, Panama City - August 4-5, 2010</font></li>
              <li><font face="Verdana" size="2">San Salvador, El Salvador - August 25-26, 2010</font></li>
              <li><font face="Verdana" size="2">Guatemala, Guatemala City - August 30-31, 2010</font></li>
              <li><font face="Verdana" size="2">Barbados, Bridgetown - September 28-29, 2010</font></li>
              <li><font face="Verdana" size="2">Trinidad &amp; Tobago, Port-of-Spain - October 11 - 12, 2010</font></li>
              <li><font face="Verdana" size="2">Guyana, Georgetown - October 14-15, 2010</font></li>
              <li><font face="Verdana" size="2">Jamaica, Kingston - December 15 - 16, 2010</font></li>
            </ul>
            <p><font face="Verdana" size="1"><a href="cpo_trata_galeria.asp">Photo Gallery and Press Releases</a></font></p>

            <h3><font face="Verdana">Training Program for Consular Personnel on the Prevention and Protection of Victims of Trafficking in Persons</font></h3>
            <p><font face="Verdana" size="2">Consulates are often the first public office a trafficked national can turn to abroad. For that reason the DPS has organised seminars for the consular staff of several OAS Member States, so that they know how to prevent trafficking, how to recognise a person who may be a victim, and how to help.</font></p>
            <p><font face="Verdana" size="2">The seminars cover human rights and gender, the international legal instruments on trafficking in persons, the state of trafficking worldwide and the forms of exploitation it takes, the measures countries have adopted against it, and the demand that drives it. Participants also learn how to build referral networks for victims and what identification and protection a consulate can itself provide.</font></p>
            <h4><font face="Verdana">Seminars held 2008–2009</font></h4>
            <ul>
              <li><font face="Verdana" size="2">La Paz, Bolivia - June 18-19, 2008</font></li>
              <li><font face="Verdana" size="2">Quito, Ecuador - July 16-17, 2008</font></li>
              <li><font face="Verdana" size="2">Asuncion, Paraguay - July 30-31, 2008</font></li>
              <li><font face="Verdana" size="2">Managua, Nicaragua - August 6-7, 2008</font></li>
              <li><font face="Verdana" size="2">Tegucigalpa, Honduras - August 12-13, 2008</font></li>
              <li><font face="Verdana" size="2">Ciudad de Guatemala, Guatemala - September 3-4, 2008</font></li>
              <li><font face="Verdana" size="2">Lima, Peru - February 4-5, 2009</font></li>
              <li><font face="Verdana" size="2">Port-au-Prince, Haiti - February 18-19, 2009</font></li>
              <li><font face="Verdana" size="2">Port-of-Spain, Trinidad and Tobago - July 1-2, 2009</font></li>
              <li><font face="Verdana" size="2">Kingston, Jamaica - July 15-16, 2009</font></li>
            </ul>

            <h3><font face="Verdana">Training Program on the Prevention and Protection of Victims of Trafficking in Persons for the UN Peace-Keeping Forces</font></h3>
            <p><font face="Verdana" size="2">Many officers from the region serve, or have served, in United Nations peace-keeping missions, where they may meet trafficked people or the networks that exploit them. The DPS therefore designed a series of seminars for this personnel, with participants from eleven countries of the hemisphere.</font></p>
            <ul>
              <li><font face="Verdana" size="2">Montevideo, Uruguay - Pilot Seminar - March 10-11, 2008<br>
                <i>Participating country: Uruguay</i></font></li>
              <li><font face="Verdana" size="2">Guatemala City, Guatemala - May 13-14, 2008<br>
                <i>Participating countries: El Salvador, Guatemala, Honduras and the Dominican Republic</i></font></li>
              <li><font face="Verdana" size="2">Lima, Peru - June 4-5, 2008<br>
                <i>Participating countries: Bolivia, Ecuador and Peru</i></font></li>
              <li><font face="Verdana" size="2">Santiago, Chile - November 27-28, 2008<br>
                <i>Participating country: Chile</i></font></li>
              <li><font face="Verdana" size="2">Buenos Aires, Argentina - December 10-11, 2008<br>
                <i>Participating countries: Argentina and Paraguay</i></font></li>
              <li><font face="Verdana" size="2">Montevideo, Uruguay - September 28-29, 2009</font></li>
              <li><font face="Verdana" size="2">Buenos Aires, Argentina - October 1-2, 2009</font></li>
            </ul>
            <p><font face="Verdana" size="2">The aim is to teach prevention, identification of victims and assistance to them, with gender and human rights running through every session. Beyond the legal framework and the forms of exploitation, the seminars look closely at what is particular to peace operations: codes of conduct, ethics, the cultural setting of a mission, the conditions of conflict zones, and the referral networks that let a peace-keeper hand a victim over to people who can help.</font></p>

            <p><font face="Verdana" size="1">The photo gallery needs the Flash player. If it does not open, download the plugin from the Adobe site.</font></p>
            <p><font face="Verdana" size="1" color="#666666">Last update: July 12, 2010</font></p>
          </td>
        </tr>
      </table>
    </td>
  </tr>
  <tr>
    <td bgcolor="#003366" align="center" class="pie"><font face="Arial" size="1" color="#FFFFFF">
      © 2010 Organization of American States. All Rights Reserved.<br>
      1889 F Street NW, Washington D.C. 20006, USA &#8211; Phone 1 (202) 458 3000<br>
      <a href="http://twitter.com/OAS_official"><font color="#FFFFFF">Twitter</font></a> |
      <a href="http://www.facebook.com/OASofficial"><font color="#FFFFFF">Facebook</font></a> |
      <a href="http://www.youtube.com/OASVideos"><font color="#FFFFFF">YouTube</font></a> |
      <a href="http://www.flickr.com/photos/oasoea"><font color="#FFFFFF">Flickr</font></a>
    </font></td>
  </tr>
</table>
</body>
</html>
